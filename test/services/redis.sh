#!/usr/bin/env bash
# Private Redis for the several-bridges tests (issue 18): 127.0.0.1:27379, its own data dir, pid
# file and log under test/.artifacts/redis. The port lies below Linux's ephemeral range
# (32768-60999), so no outgoing connection can hold it; not 26379, Redis Sentinel's port.
#   bash test/services/redis.sh start|stop|status|url
# start is idempotent (a running server of ours is left alone) and waits until it answers PING.
# stop shuts it down (SHUTDOWN NOSAVE: test data only) and waits for its process to end.
# Installs Debian's redis-server with apt-get when it is missing; the system service is never
# started. A port held by a server this checkout did not start is refused, not reused: the tests
# flush and stop their Redis, so they must own it. Set BANDEAU_REDIS_PORT / BANDEAU_REDIS_DIR to move it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BASE="${BANDEAU_REDIS_DIR:-$ROOT/test/.artifacts/redis}"
PORT="${BANDEAU_REDIS_PORT:-27379}"
# per port, so a second server (BANDEAU_REDIS_PORT) in the same dir is not mistaken for the first
PIDFILE="$BASE/redis-$PORT.pid"
TIMEOUT_S="${BANDEAU_REDIS_START_TIMEOUT:-30}"

log() { printf 'redis.sh: %s\n' "$*" >&2; }

# shellcheck source=aptInstall.sh
. "$(dirname "${BASH_SOURCE[0]}")/aptInstall.sh"
# shellcheck source=awaitExit.sh
. "$(dirname "${BASH_SOURCE[0]}")/awaitExit.sh"

ensure_installed() {
  if command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1; then return 0; fi
  apt_install redis-server || exit 1
}

cli() { redis-cli -h 127.0.0.1 -p "$PORT" "$@"; }

# Our server's process is alive (a stale pid file left by a reboot may name another process).
pid_alive() {
  local pid
  pid="$(cat "$PIDFILE" 2>/dev/null)" || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && grep -q redis "/proc/$pid/cmdline" 2>/dev/null
}

answers() { [ "$(cli --no-auth-warning ping 2>/dev/null)" = "PONG" ]; }

start() {
  ensure_installed
  mkdir -p "$BASE/data"
  if pid_alive && answers; then
    log "already running: $(url)"
    return 0
  fi
  if ! pid_alive && (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    log "port $PORT is taken by a server this checkout did not start; stop it (its own redis.sh stop) or set BANDEAU_REDIS_PORT"
    exit 1
  fi
  if ! pid_alive; then
    rm -f "$PIDFILE"
    log "starting on 127.0.0.1:$PORT"
    # No persistence: test state only; a restart starts empty.
    redis-server --port "$PORT" --bind 127.0.0.1 --protected-mode yes --dir "$BASE/data" \
      --pidfile "$PIDFILE" --logfile "$BASE/redis-$PORT.log" --daemonize yes \
      --save '' --appendonly no >/dev/null
  fi
  local deadline=$((SECONDS + TIMEOUT_S))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if answers; then
      log "ready: $(url)"
      return 0
    fi
    sleep 0.1
  done
  log "did not answer within ${TIMEOUT_S} s; log follows"
  tail -n 40 "$BASE/redis-$PORT.log" >&2 || true
  exit 1
}

stop() {
  if pid_alive; then
    local pid
    pid="$(cat "$PIDFILE")"
    cli shutdown nosave >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
    await_exit "$pid" 10 server
  fi
  rm -f "$PIDFILE"
  log "stopped"
}

url() { echo "redis://127.0.0.1:$PORT"; }

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status)
    if pid_alive && answers; then echo "running $(url)"; else echo "stopped"; exit 1; fi ;;
  url) url ;;
  *) echo "usage: $0 start|stop|status|url" >&2; exit 2 ;;
esac
