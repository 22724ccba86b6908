# Sourced by the service scripts: await_exit PID SECONDS WHAT waits up to SECONDS for the process
# PID (asked to stop already) to end, then kills it (SIGKILL: test data only) and says so.
# Needs log().
await_exit() {
  local pid="$1" limit="$2" what="$3"
  local deadline=$((SECONDS + limit))
  while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$what $pid still alive after $limit s; killing it"
    kill -9 "$pid" 2>/dev/null || true
  fi
}
