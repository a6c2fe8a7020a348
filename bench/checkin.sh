#!/usr/bin/env bash
# Check-in at the hall, live on every open screen (issue 8): "300 check-ins in one minute reach
# every open screen within 1 s; both databases".
#
#   bash bench/checkin.sh [sqlite|postgres|both]     (default both)
#
# For each database it starts `daihoi serve --no-demo` (SQLite: one instance in a fresh data dir;
# PostgreSQL: two instances on one fresh database `daihoi_bench_<time>_<pid>`, so half of the
# screens hear the changes through LISTEN/NOTIFY), adds an administrator with `daihoi user add`,
# writes one congress with $DELEGATES convened delegates straight into the database
# (`checkin.py seed`), and runs `checkin.py run`: $SCREENS event streams of the hall screen spread
# over the instances, then $CHECKINS check-ins by code evenly over $DURATION seconds, also spread
# over the instances; it prints the delay from each POST to its event's arrival on every screen
# (p50, p99, max) and the arrivals missing. The servers are stopped with SIGTERM (exit 0 expected)
# and the database dropped.
#
# Settings by environment: SCREENS=50 CHECKINS=300 DURATION=60 (seconds) DELEGATES=$CHECKINS,
# PG_URL=postgres://postgres@127.0.0.1:5432 (server URL without a database name),
# DAIHOI_BIN=<binary> (default: build the release binary).
set -euo pipefail
cd "$(dirname "$0")/.."

WHICH=${1:-both}
SCREENS=${SCREENS:-50}
CHECKINS=${CHECKINS:-300}
SECONDS_=${DURATION:-60}
DELEGATES=${DELEGATES:-$CHECKINS}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}
CONGRESS=424242
USER_=benchadmin
PASSWORD=bench-checkin-2026

if [ -z "${DAIHOI_BIN:-}" ]; then
  cargo build --release --bin daihoi >&2
  DAIHOI_BIN="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/release/daihoi"
fi
command -v sqlite3 >/dev/null && command -v psql >/dev/null || { echo "needs sqlite3 and psql" >&2; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

PIDS=()
TMP=$(mktemp -d /tmp/daihoi-bench-checkin.XXXXXX)
DB_NAME=""
cleanup() {
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  if [ -n "$DB_NAME" ]; then psql -X -q "$PG_URL/postgres" -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" >/dev/null || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT

# start NAME DATA_DIR DB_URL → prints the base URL; the pid goes to PIDS.
start() {
  local name=$1 data=$2 db=$3 port
  port=$(free_port)
  mkdir -p "$data"
  DATABASE_URL="$db" "$DAIHOI_BIN" serve --no-demo --listen "127.0.0.1:$port" --data-dir "$data" \
    --instance-id "$name" >"$data/daihoi.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 200); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && { echo "http://127.0.0.1:$port"; return; }
    sleep 0.1
  done
  echo "server $name did not start:" >&2; cat "$data/daihoi.log" >&2; exit 1
}

stop_all() {
  local code=0
  for p in "${PIDS[@]}"; do
    kill -TERM "$p" 2>/dev/null || true
    wait "$p" || code=$?
  done
  PIDS=()
  echo "   servers stopped (exit status $code)"
}

measure() {
  local which=$1 urls=() db
  echo "== $which: $SCREENS screens, $CHECKINS check-ins over $SECONDS_ s, $DELEGATES delegates convened"
  if [ "$which" = sqlite ]; then
    db="sqlite://$TMP/sqlite/daihoi.db"
    urls+=("$(start bench-1 "$TMP/sqlite" "$db")")
    python3 bench/checkin.py seed "$CONGRESS" "$DELEGATES" | sqlite3 -bail "$TMP/sqlite/daihoi.db"
  else
    DB_NAME="daihoi_bench_$(date +%s)_$$"
    psql -X -q "$PG_URL/postgres" -c "CREATE DATABASE $DB_NAME" >/dev/null
    db="$PG_URL/$DB_NAME"
    urls+=("$(start bench-1 "$TMP/pg1" "$db")")
    urls+=("$(start bench-2 "$TMP/pg2" "$db")")
    python3 bench/checkin.py seed "$CONGRESS" "$DELEGATES" | psql -X -q -v ON_ERROR_STOP=1 "$db" >/dev/null
  fi
  echo "$PASSWORD" | DATABASE_URL="$db" "$DAIHOI_BIN" user add "$USER_" --admin --data-dir "$TMP/user" >/dev/null
  echo "   instances: ${urls[*]}"
  python3 bench/checkin.py run "$CONGRESS" "$USER_" "$PASSWORD" "$CHECKINS" "$SECONDS_" "$SCREENS" "${urls[@]}"
  stop_all
  if [ -n "$DB_NAME" ]; then
    psql -X -q "$PG_URL/postgres" -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" >/dev/null
    DB_NAME=""
  fi
}

echo "== machine: $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ); $(git rev-parse --short HEAD); load average $(cut -d' ' -f1-3 /proc/loadavg); binary $DAIHOI_BIN"
case "$WHICH" in
  sqlite) measure sqlite ;;
  postgres) measure postgres ;;
  both) measure sqlite; measure postgres ;;
  *) echo "usage: $0 [sqlite|postgres|both]" >&2; exit 2 ;;
esac
