#!/usr/bin/env bash
# Slow clients and memory bench (issue 10; documented in docs/BENCHMARKS.md; not part of the tests).
#
#   bash bench/slow-clients.sh
#
# Server alone on one core, load on the other, as bench/portal.sh:
#   - daihoi:  taskset -c $SERVER_CPU daihoi serve (SQLite, demo data, default limits)
#   - load:    taskset -c $LOAD_CPU python3 bench/slow_clients.py …
# Three scenarios, each on a freshly started server (so its peak RSS, VmHWM, is the scenario's):
#   1. slow clients: $SLOW connections (two client processes of $SLOW/2, each with its own
#      open-files limit) each send a request line and then one header line every 5 s, for
#      $DURATION s, reopening what the server closes; meanwhile /healthz is probed on a fresh
#      connection every 100 ms: p50/p99/max latency and failures; the server's peak RSS and the
#      most file descriptors it held.
#   2. $LOGINS concurrent failed logins (distinct unknown names): statuses, slowest, peak RSS.
#   3. $UPLOADS concurrent uploads of one $SIDE × $SIDE PNG by the demo administrator: statuses,
#      slowest, peak RSS.
# Before each scenario the load average is printed: figures taken with a load above 1 are from a
# busy machine.
#
# Settings (environment): SLOW=20000 DURATION=60 LOGINS=200 UPLOADS=4 SIDE=7000
#   SERVER_CPU=0 LOAD_CPU=1 (two different cores)
#   DAIHOI_BIN=<path> to measure a binary already built (release!) instead of building one
#   SERVE_FLAGS="…" extra flags for daihoi serve (e.g. --max-connections 30000)
# Only loopback addresses are used; every loop is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."

SLOW=${SLOW:-20000}
DURATION=${DURATION:-60}
LOGINS=${LOGINS:-200}
UPLOADS=${UPLOADS:-4}
SIDE=${SIDE:-7000}
SERVER_CPU=${SERVER_CPU:-0}
LOAD_CPU=${LOAD_CPU:-1}
SERVE_FLAGS=${SERVE_FLAGS:-}
PY=bench/slow_clients.py

if [ "$SERVER_CPU" = "$LOAD_CPU" ]; then
  echo "SERVER_CPU and LOAD_CPU must be two different cores" >&2
  exit 2
fi
command -v taskset >/dev/null 2>&1 || { echo "needs taskset (util-linux)" >&2; exit 2; }
command -v python3 >/dev/null 2>&1 || { echo "needs python3" >&2; exit 2; }

if [ -n "${DAIHOI_BIN:-}" ]; then
  DAIHOI=$DAIHOI_BIN
else
  echo "== building daihoi (release)"
  cargo build --release --bin daihoi --quiet
  DAIHOI="$(cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')/release/daihoi"
fi

# Each client process holds SLOW/2 sockets; the server raises its own limit at start.
HALF=$((SLOW / 2))
ulimit -n "$(ulimit -Hn)"
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $((HALF + 100)) ]; then
  echo "open-files hard limit $(ulimit -Hn) is below $((HALF + 100)) for one client process" >&2
  exit 2
fi

WORK=$(mktemp -d /tmp/daihoi-slow.XXXXXX)
PID=""
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
DATA=$WORK/data

start() {
  # shellcheck disable=SC2086
  RUST_LOG=warn taskset -c "$SERVER_CPU" "$DAIHOI" serve --listen "127.0.0.1:$PORT" \
    --data-dir "$DATA" $SERVE_FLAGS >"$WORK/server.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 600); do
    curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null && return 0
    kill -0 "$PID" 2>/dev/null || { cat "$WORK/server.log"; exit 1; }
    sleep 0.2
  done
  echo "server did not start" >&2
  exit 1
}

stop() {
  kill -TERM "$PID"
  local t0=$SECONDS
  wait "$PID" || true
  echo "   stopped $((SECONDS - t0)) s after SIGTERM"
  PID=""
}

rss() { awk '/VmRSS|VmHWM/ {printf "%s %d MiB  ", $1, $2/1024}' "/proc/$PID/status"; echo; }

echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== 1. $SLOW slow clients for $DURATION s, /healthz probed every 100 ms"
start
echo -n "   at rest: "; rss
taskset -c "$LOAD_CPU" python3 $PY slow "$PORT" "$HALF" "$DURATION" >"$WORK/slow1.json" &
S1=$!
taskset -c "$LOAD_CPU" python3 $PY slow "$PORT" "$((SLOW - HALF))" "$DURATION" >"$WORK/slow2.json" &
S2=$!
sleep 5
taskset -c "$LOAD_CPU" python3 $PY probe "$PORT" "$((DURATION - 10))" >"$WORK/probe.json" &
P=$!
FD_MAX=0
while kill -0 "$P" 2>/dev/null; do
  fds=$(find "/proc/$PID/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)
  [ "$fds" -gt "$FD_MAX" ] && FD_MAX=$fds
  sleep 1
done
wait "$P" "$S1" "$S2" || true
echo "   slow clients: $(cat "$WORK/slow1.json") $(cat "$WORK/slow2.json")"
echo "   /healthz: $(cat "$WORK/probe.json")"
echo "   most file descriptors held by the server: $FD_MAX"
echo -n "   server: "; rss
stop

echo "== 2. $LOGINS concurrent failed logins (load $(cut -d' ' -f1 /proc/loadavg))"
start
echo -n "   at rest: "; rss
taskset -c "$LOAD_CPU" python3 $PY logins "$PORT" "$LOGINS"
echo -n "   server: "; rss
stop

echo "== 3. $UPLOADS concurrent uploads of a $SIDE × $SIDE PNG (load $(cut -d' ' -f1 /proc/loadavg))"
start
echo -n "   at rest: "; rss
taskset -c "$LOAD_CPU" python3 $PY uploads "$PORT" "$UPLOADS" "$SIDE"
echo -n "   server: "; rss
stop
