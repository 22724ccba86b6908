#!/usr/bin/env bash
# Private RabbitMQ node for the call-log outbox tests: AMQP on 127.0.0.1:24672, node
# bandeau-test@localhost, its own data, logs and Erlang cookie under
# test/.artifacts/rabbitmq-<AMQP port> (one per port: a node on another port never shares it).
#   bash test/services/rabbitmq.sh start|stop|status|url
# start is idempotent (a running node is left alone) and waits until the node has booted
# (rabbitmqctl await_startup). stop shuts the node down and waits for its process to end (the
# data stays, so a restart keeps durable queues and persistent messages). Installs Debian's
# rabbitmq-server with apt-get when it is missing; the system service is never started.
#
# Every listener (AMQP, epmd, the Erlang distribution of the node and of rabbitmqctl) is on
# 127.0.0.1 (epmd on ::1 too: it always adds the loopback addresses).
# Ports: all below Linux's ephemeral range (32768-60999), so no outgoing connection of a test can
# hold one. The node runs its own epmd on a private port (ERL_EPMD_PORT, default 24369), a
# distribution port in AMQP + 10..19 (the first one no socket uses, should some other program hold
# one; rabbitmqctl finds the node through epmd, so nobody needs to know which) and moves
# rabbitmqctl's own node from its default 35672-35682 (ephemeral) to AMQP + 20..30, so it coexists
# with a system RabbitMQ/epmd on 4369/5672/15672/25672. Set BANDEAU_RABBITMQ_PORT /
# BANDEAU_RABBITMQ_DIR / BANDEAU_RABBITMQ_EPMD_PORT to move it; a second node at the same time
# needs its own epmd port too (the node name is the same).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PORT="${BANDEAU_RABBITMQ_PORT:-24672}"
BASE="${BANDEAU_RABBITMQ_DIR:-$ROOT/test/.artifacts/rabbitmq-$PORT}"
DIST_PORT="$((PORT + 10))"
EPMD_PORT="${BANDEAU_RABBITMQ_EPMD_PORT:-24369}"
NODE="bandeau-test@localhost"
RMQ_BIN=/usr/lib/rabbitmq/bin
TIMEOUT_S="${BANDEAU_RABBITMQ_START_TIMEOUT:-120}"

log() { printf 'rabbitmq.sh: %s\n' "$*" >&2; }

# shellcheck source=aptInstall.sh
. "$(dirname "${BASH_SOURCE[0]}")/aptInstall.sh"
# shellcheck source=awaitExit.sh
. "$(dirname "${BASH_SOURCE[0]}")/awaitExit.sh"

ensure_installed() {
  if [ -x "$RMQ_BIN/rabbitmq-server" ]; then return 0; fi
  apt_install rabbitmq-server || exit 1
}

# Everything the node and rabbitmqctl must agree on: private paths, ports and cookie (HOME).
node_env() {
  mkdir -p "$BASE/mnesia" "$BASE/log" "$BASE/home"
  cat >"$BASE/rabbitmq.conf" <<CONF
# written by test/services/rabbitmq.sh
listeners.tcp.1 = 127.0.0.1:$PORT
loopback_users.guest = true
disk_free_limit.absolute = 50MB
log.file.level = warning
log.console = false
CONF
  [ -f "$BASE/rabbitmq-env.conf" ] || : >"$BASE/rabbitmq-env.conf"
  [ -f "$BASE/enabled_plugins" ] || echo '[].' >"$BASE/enabled_plugins"
  export HOME="$BASE/home"
  export RABBITMQ_NODENAME="$NODE"
  export RABBITMQ_DIST_PORT="$DIST_PORT"
  # rabbitmqctl's own Erlang node listens in 35672-35682 by default, in the ephemeral range
  export RABBITMQ_CTL_DIST_PORT_MIN="$((PORT + 20))"
  export RABBITMQ_CTL_DIST_PORT_MAX="$((PORT + 30))"
  export ERL_EPMD_PORT="$EPMD_PORT"
  # The node's epmd, its distribution listener and rabbitmqctl's own node listen on 127.0.0.1
  # only (Erlang's default is every interface): whoever reaches a distribution port and holds
  # the cookie runs code in the node.
  export ERL_EPMD_ADDRESS=127.0.0.1
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  export RABBITMQ_CTL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  export RABBITMQ_MNESIA_BASE="$BASE/mnesia"
  export RABBITMQ_LOG_BASE="$BASE/log"
  export RABBITMQ_PID_FILE="$BASE/rabbitmq.pid"
  export RABBITMQ_CONFIG_FILE="$BASE/rabbitmq.conf"
  export RABBITMQ_ADVANCED_CONFIG_FILE="$BASE/advanced.config"
  export RABBITMQ_CONF_ENV_FILE="$BASE/rabbitmq-env.conf"
  export RABBITMQ_ENABLED_PLUGINS_FILE="$BASE/enabled_plugins"
  export RABBITMQ_ENABLED_PLUGINS=""
}

ctl() { "$RMQ_BIN/rabbitmqctl" -n "$NODE" "$@"; }

# Some TCP socket (listening, connected or closing) has this local port. Without ss, none is assumed.
port_in_use() { command -v ss >/dev/null 2>&1 && [ -n "$(ss -Htan "( sport = :$1 )" 2>/dev/null)" ]; }

# The first distribution port in AMQP + 10..19 that no socket uses (AMQP + 10 when all are).
free_dist_port() {
  local p
  for p in $(seq "$DIST_PORT" "$((DIST_PORT + 9))"); do
    if ! port_in_use "$p"; then echo "$p"; return; fi
  done
  echo "$DIST_PORT"
}

# The node's Erlang VM is alive (a stale pid file left by a reboot may name another process).
pid_alive() {
  local pid
  pid="$(cat "$BASE/rabbitmq.pid" 2>/dev/null)" || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && grep -q beam "/proc/$pid/cmdline" 2>/dev/null
}

is_running() { ctl -q --timeout 5 await_startup >/dev/null 2>&1; }

start() {
  ensure_installed
  node_env
  if pid_alive && is_running; then
    log "already running: $(url)"
    return 0
  fi
  if ! pid_alive && (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    # Not ours (another checkout's test node?): the tests stop and restart their broker, so they
    # must own it.
    log "port $PORT is taken by a broker this checkout did not start; stop it (its own rabbitmq.sh stop) or set BANDEAU_RABBITMQ_PORT"
    exit 1
  fi
  if ! pid_alive; then
    rm -f "$BASE/rabbitmq.pid"
    RABBITMQ_DIST_PORT="$(free_dist_port)"
    export RABBITMQ_DIST_PORT
    log "starting $NODE on 127.0.0.1:$PORT (distribution port $RABBITMQ_DIST_PORT)"
    setsid nohup "$RMQ_BIN/rabbitmq-server" </dev/null >"$BASE/log/startup.log" 2>&1 &
    echo $! >"$BASE/launcher.pid"
  else
    log "node process $(cat "$BASE/rabbitmq.pid") is up but not booted yet; waiting for it"
  fi
  local deadline=$((SECONDS + TIMEOUT_S))
  while [ "$SECONDS" -lt "$deadline" ]; do
    # the pid file is written once the Erlang VM runs; await_startup then blocks until boot ends
    if [ -f "$BASE/rabbitmq.pid" ] && ctl -q --timeout 30 await_startup >/dev/null 2>&1; then
      log "ready: $(url)"
      return 0
    fi
    if ! pid_alive && ! kill -0 "$(cat "$BASE/launcher.pid" 2>/dev/null || echo 0)" 2>/dev/null; then
      log "the node exited during startup; log follows"
      tail -n 40 "$BASE/log/startup.log" >&2 || true
      exit 1
    fi
    sleep 0.5
  done
  log "did not start within ${TIMEOUT_S} s; log follows"
  tail -n 40 "$BASE/log/startup.log" >&2 || true
  exit 1
}

stop() {
  node_env
  if pid_alive; then
    local pid
    pid="$(cat "$BASE/rabbitmq.pid")"
    # `rabbitmqctl stop PIDFILE` returns once the node's process has ended.
    ctl -q stop "$BASE/rabbitmq.pid" >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
    await_exit "$pid" 60 node
  fi
  rm -f "$BASE/rabbitmq.pid"
  log "stopped"
}

url() { echo "amqp://guest:guest@127.0.0.1:$PORT"; }

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status)
    node_env
    if pid_alive && is_running; then echo "running $(url)"; else echo "stopped"; exit 1; fi ;;
  url) url ;;
  *) echo "usage: $0 start|stop|status|url" >&2; exit 2 ;;
esac
