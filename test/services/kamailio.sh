#!/usr/bin/env bash
# Private Kamailio (Debian's kamailio + kamailio-websocket-modules) for the softphone tests: a
# registrar and proxy with SIP over WebSocket on ws://127.0.0.1:$BANDEAU_KAMAILIO_WS_PORT (default
# 25080) and SIP over UDP on 127.0.0.1:$BANDEAU_KAMAILIO_UDP_PORT (default 25060), in-memory
# location table, REGISTER challenged with one fixed password ($BANDEAU_SIP_PASSWORD, default
# "bandeau-test") for every user. Config: test/services/kamailio/kamailio.cfg.in.
#   bash test/services/kamailio.sh start|stop|status|log
# start installs the packages with apt-get when missing (root), writes the config, starts the
# instance and waits until the WebSocket port answers; it is idempotent. The log (kamailio's
# stderr) is $BANDEAU_KAMAILIO_DIR/kamailio.log (default test/.artifacts/kamailio): each accepted
# REGISTER writes a "BANDEAU-REGISTER aor=... expires=..." line there, which tests count.
# The system service is never used. The ports lie below Linux's ephemeral range (32768-60999), so
# no outgoing connection can hold them; each e2e suite takes its own pair, 25x80/25x60.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BASE="${BANDEAU_KAMAILIO_DIR:-$ROOT/test/.artifacts/kamailio}"
WS_PORT="${BANDEAU_KAMAILIO_WS_PORT:-25080}"
UDP_PORT="${BANDEAU_KAMAILIO_UDP_PORT:-25060}"
PASSWORD="${BANDEAU_SIP_PASSWORD:-bandeau-test}"
PID_FILE="$BASE/kamailio.pid"
LOG="$BASE/kamailio.log"
CFG="$BASE/kamailio.cfg"
CTL="$BASE/kamailio.ctl"

log() { printf 'kamailio.sh: %s\n' "$*" >&2; }

modules_dir() {
  local d
  for d in /usr/lib/x86_64-linux-gnu/kamailio/modules /usr/lib/aarch64-linux-gnu/kamailio/modules /usr/lib/kamailio/modules /usr/lib64/kamailio/modules; do
    [ -f "$d/websocket.so" ] && { echo "$d"; return 0; }
  done
  local found
  found="$(dirname "$(find /usr/lib /usr/lib64 -name websocket.so -path '*kamailio*' 2>/dev/null | head -1)" 2>/dev/null || true)"
  [ -n "$found" ] && [ "$found" != . ] && echo "$found"
}

# shellcheck source=aptInstall.sh
. "$(dirname "${BASH_SOURCE[0]}")/aptInstall.sh"
# shellcheck source=awaitExit.sh
. "$(dirname "${BASH_SOURCE[0]}")/awaitExit.sh"

ensure_installed() {
  if command -v kamailio >/dev/null 2>&1 && [ -n "$(modules_dir)" ]; then return 0; fi
  apt_install kamailio kamailio-websocket-modules || exit 1
}

is_running() { [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE" 2>/dev/null)" 2>/dev/null; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$WS_PORT") 2>/dev/null; }

start() {
  ensure_installed
  if is_running; then
    log "already running (pid $(cat "$PID_FILE"), ws://127.0.0.1:$WS_PORT)"
    return 0
  fi
  mkdir -p "$BASE"
  local mods
  mods="$(modules_dir)"
  case "$PASSWORD" in *[\"\\]*) log "BANDEAU_SIP_PASSWORD must not contain quotes or backslashes"; exit 1 ;; esac
  sed -e "s|@WS_PORT@|$WS_PORT|g" -e "s|@UDP_PORT@|$UDP_PORT|g" -e "s|@MODULES@|$mods|g" \
      -e "s|@CTL_SOCKET@|$CTL|g" -e "s|@SIP_PASSWORD@|$PASSWORD|g" \
      "$ROOT/test/services/kamailio/kamailio.cfg.in" >"$CFG"
  kamailio -c -f "$CFG" >"$BASE/check.log" 2>&1 || { cat "$BASE/check.log" >&2; log "config check failed"; exit 1; }
  rm -f "$PID_FILE" "$CTL"
  : >"$LOG"
  # -DD: the main process stays in the foreground of this detached shell; -E: log to stderr.
  setsid kamailio -DD -E -f "$CFG" -P "$PID_FILE" -m 64 -M 8 >>"$LOG" 2>&1 </dev/null &
  local i
  for i in $(seq 1 100); do
    if port_open && [ -f "$PID_FILE" ]; then
      log "started (pid $(cat "$PID_FILE")): ws://127.0.0.1:$WS_PORT, udp 127.0.0.1:$UDP_PORT, log $LOG"
      return 0
    fi
    sleep 0.1
  done
  tail -30 "$LOG" >&2 || true
  log "did not start within 10 s"
  exit 1
}

stop() {
  if ! is_running; then
    rm -f "$PID_FILE"
    return 0
  fi
  local pid
  pid="$(cat "$PID_FILE")"
  kill -TERM "$pid" 2>/dev/null || true
  await_exit "$pid" 10 kamailio
  rm -f "$PID_FILE"
  log "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if is_running; then echo "running (pid $(cat "$PID_FILE")) ws://127.0.0.1:$WS_PORT"; else echo "stopped"; exit 3; fi ;;
  log) cat "$LOG" ;;
  *) echo "usage: $0 start|stop|status|log" >&2; exit 2 ;;
esac
