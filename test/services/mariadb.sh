#!/usr/bin/env bash
# Private MariaDB for the PHP SQL tests: 127.0.0.1:23306, own datadir and socket under
# test/.artifacts/mariadb, database bandeau_test, user bandeau/bandeau. The port lies below
# Linux's ephemeral range (32768-60999), so no outgoing connection can hold it.
#   bash test/services/mariadb.sh start|stop|status|dsn
# The user may also create bandeau_test_* databases: each PHPUnit process works in its own.
# start is idempotent (a running server is left alone). Installs mariadb-server and
# php8.2-mysql (pdo_mysql) with apt-get when they are missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BASE="${BANDEAU_MARIADB_DIR:-$ROOT/test/.artifacts/mariadb}"
DATADIR="$BASE/data"
PORT="${BANDEAU_MARIADB_PORT:-23306}"
PIDFILE="$BASE/mariadbd.pid"
LOG="$BASE/mariadbd.log"
SOCKET="$BASE/mariadbd.sock"
# Unix socket paths are limited to ~107 bytes: fall back to /tmp for deep checkouts.
if [ "${#SOCKET}" -gt 100 ]; then
  SOCKET="/tmp/bandeau-mariadb-$(printf '%s' "$BASE" | md5sum | cut -c1-12).sock"
fi
DB=bandeau_test
DB_USER=bandeau
DB_PASS=bandeau

log() { printf 'mariadb.sh: %s\n' "$*" >&2; }

# shellcheck source=aptInstall.sh
. "$(dirname "${BASH_SOURCE[0]}")/aptInstall.sh"
# shellcheck source=awaitExit.sh
. "$(dirname "${BASH_SOURCE[0]}")/awaitExit.sh"

find_bin() {
  for b in "$@"; do
    if command -v "$b" >/dev/null 2>&1; then command -v "$b"; return 0; fi
    for d in /usr/sbin /usr/bin /usr/local/sbin /usr/local/bin; do
      if [ -x "$d/$b" ]; then echo "$d/$b"; return 0; fi
    done
  done
  return 1
}

ensure_installed() {
  if ! find_bin mariadbd mysqld >/dev/null; then
    apt_install mariadb-server mariadb-client
  fi
  if command -v php >/dev/null 2>&1 && ! php -m 2>/dev/null | grep -qi '^pdo_mysql$'; then
    local v
    v="$(php -r 'echo PHP_MAJOR_VERSION.".".PHP_MINOR_VERSION;')"
    apt_install "php${v}-mysql" || apt_install php-mysql
  fi
}

admin() {
  "$(find_bin mariadb-admin mysqladmin)" --no-defaults --protocol=socket --socket="$SOCKET" -uroot "$@"
}

client() {
  "$(find_bin mariadb mysql)" --no-defaults --protocol=socket --socket="$SOCKET" -uroot "$@"
}

port_taken() {
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null
}

is_running() {
  [ -S "$SOCKET" ] && admin --connect-timeout=2 ping >/dev/null 2>&1
}

start() {
  ensure_installed
  if is_running; then
    # The socket answers whatever the TCP port: a server of this datadir started with another
    # BANDEAU_MARIADB_PORT (or an older default) is not one the tests can reach.
    local running
    running="$(client -N -e 'SELECT @@port' 2>/dev/null || true)"
    if [ "$running" != "$PORT" ]; then
      log "the server of $DATADIR listens on port $running, not $PORT: stop it (bash test/services/mariadb.sh stop) and start again"
      exit 1
    fi
    log "already running on 127.0.0.1:$PORT"
    provision
    return 0
  fi
  mkdir -p "$BASE"
  if port_taken; then
    # Another checkout's test server (same port, same test account) serves just as well.
    if "$(find_bin mariadb mysql)" --no-defaults --protocol=tcp -h127.0.0.1 -P"$PORT" -u"$DB_USER" -p"$DB_PASS" \
      -e 'SELECT 1' "$DB" >/dev/null 2>&1; then
      log "port $PORT already serves the test database (another checkout's server); using it"
      return 0
    fi
    log "port $PORT is taken by something that is not the Bandeau test database; set BANDEAU_MARIADB_PORT"
    exit 1
  fi
  if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
    log "a server (pid $(cat "$PIDFILE")) holds the datadir but does not answer; waiting for it"
  else
    rm -f "$PIDFILE" "$SOCKET"
    if [ ! -d "$DATADIR/mysql" ]; then
      log "initialising $DATADIR"
      rm -rf "$DATADIR"
      mkdir -p "$DATADIR"
      "$(find_bin mariadb-install-db mysql_install_db)" --no-defaults --datadir="$DATADIR" --user=root \
        --auth-root-authentication-method=normal --skip-test-db >"$BASE/install.log" 2>&1 || {
          log "mariadb-install-db failed:"; cat "$BASE/install.log" >&2; exit 1; }
    fi
    log "starting on 127.0.0.1:$PORT"
    setsid nohup "$(find_bin mariadbd mysqld)" --no-defaults --user=root --datadir="$DATADIR" \
      --port="$PORT" --bind-address=127.0.0.1 --socket="$SOCKET" --pid-file="$PIDFILE" \
      --log-error="$LOG" --skip-name-resolve --character-set-server=utf8mb4 \
      --collation-server=utf8mb4_general_ci --innodb-buffer-pool-size=${BANDEAU_MARIADB_BUFFER_POOL:-512M} \
      --innodb-flush-log-at-trx-commit=2 --skip-log-bin </dev/null >/dev/null 2>&1 &
  fi
  for _ in $(seq 1 120); do
    if is_running; then
      provision
      log "ready: $(dsn)"
      return 0
    fi
    sleep 0.5
  done
  log "did not start within 60 s; log follows"
  tail -n 40 "$LOG" >&2 || true
  exit 1
}

provision() {
  client <<SQL
CREATE DATABASE IF NOT EXISTS \`$DB\` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;
CREATE USER IF NOT EXISTS '$DB_USER'@'127.0.0.1' IDENTIFIED BY '$DB_PASS';
CREATE USER IF NOT EXISTS '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASS';
GRANT ALL PRIVILEGES ON \`${DB}%\`.* TO '$DB_USER'@'127.0.0.1';
GRANT ALL PRIVILEGES ON \`${DB}%\`.* TO '$DB_USER'@'localhost';
FLUSH PRIVILEGES;
SQL
  # Named time zones for CONVERT_TZ, used by the analytics tests as an independent oracle of the
  # module's own UTC-to-local conversion (the module never relies on them: real installs often lack them).
  if [ "$(client -N -e 'SELECT COUNT(*) FROM mysql.time_zone_name' 2>/dev/null || echo 0)" = "0" ] \
    && [ -d /usr/share/zoneinfo ]; then
    "$(find_bin mariadb-tzinfo-to-sql mysql_tzinfo_to_sql)" /usr/share/zoneinfo 2>/dev/null | client mysql \
      || log "time zone tables not loaded (CONVERT_TZ oracle unavailable)"
  fi
}

stop() {
  if is_running; then
    admin shutdown >/dev/null 2>&1 || true
  fi
  if [ -f "$PIDFILE" ]; then
    local pid
    pid="$(cat "$PIDFILE")"
    await_exit "$pid" 30 server
    rm -f "$PIDFILE"
  fi
  log "stopped"
}

dsn() {
  echo "mysql://$DB_USER:$DB_PASS@127.0.0.1:$PORT/$DB"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status)
    if is_running; then echo "running $(dsn)"; else echo "stopped"; exit 1; fi ;;
  dsn) dsn ;;
  *) echo "usage: $0 start|stop|status|dsn" >&2; exit 2 ;;
esac
