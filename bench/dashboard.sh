#!/usr/bin/env bash
# Progress dashboard benchmark (issue 8: "the root's progress dashboard answers in under 100 ms";
# documented in docs/BENCHMARKS.md; not part of the tests).
#
#   bash bench/dashboard.sh [sqlite|postgres|both]     (default: both)
#
# Works on the databases bench/import.sh left (10.000 organizations, 300.000 people): gives every
# organization a congress of term 2020–2025 (4 in 5 held, of which half approved, 1 in 50 a
# pilot, the rest planned, some overdue) straight in SQL, adds an admin account, starts the
# release `daihoi serve` on it, logs in, and times with curl, after $WARMUP unmeasured requests,
# $REQUESTS sequential requests each of
#   - the root's progress dashboard  GET /dai-hoi/to-chuc/{root}/tien-do   (logged in)
#   - the public progress API        GET /api/v1/organizations/{root}/progress
# printing the median, p95 and worst time to the last byte.
#
# Settings (environment): OUT (default <target>/bench/import, as bench/import.sh), DAIHOI,
#   PG_URL=postgres://postgres@127.0.0.1:5432, PORT=18089, REQUESTS=30, WARMUP=3.
set -euo pipefail
cd "$(dirname "$0")/.."

WHICH=${1:-both}
case $WHICH in
  sqlite | postgres | both) ;;
  *) echo "usage: bash bench/dashboard.sh [sqlite|postgres|both]" >&2; exit 2 ;;
esac
TARGET=$(cargo metadata --format-version 1 --no-deps |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
OUT=${OUT:-$TARGET/bench/import}
DAIHOI=${DAIHOI:-$TARGET/release/daihoi}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}
PORT=${PORT:-18089}
REQUESTS=${REQUESTS:-30}
WARMUP=${WARMUP:-3}
PASSWORD=bench-mat-khau-2026
BASE=http://127.0.0.1:$PORT
UA="daihoi-bench-script-bot/1.0"

CONGRESSES="INSERT INTO congress (organization_id, term_start, term_end, name, name_folded,
    planned_start, planned_end, held_start, held_end, pilot, status, venue, created_at, updated_at)
  SELECT id, 2020, 2025, 'Đại hội ' || code, 'dai hoi ' || lower(code),
    20200301 + (id % 28), NULL,
    CASE WHEN id % 5 <> 0 THEN 20200301 + (id % 28) END,
    CASE WHEN id % 5 <> 0 THEN 20200301 + (id % 28) END,
    CASE WHEN id % 50 = 0 THEN 1 ELSE 0 END,
    CASE WHEN id % 5 = 0 THEN 'planned' WHEN id % 10 IN (1, 3) THEN 'approved' ELSE 'held' END,
    '', 0, 0
  FROM organization
  WHERE NOT EXISTS (SELECT 1 FROM congress c WHERE c.organization_id = organization.id);"

SERVER=
cleanup() {
  if [[ -n $SERVER ]]; then
    kill "$SERVER" 2>/dev/null || true
    wait "$SERVER" 2>/dev/null || true
  fi
}
trap cleanup EXIT

# times <label> <url> [curl args…]: REQUESTS timed GETs, each must answer 200.
times() {
  local label=$1 url=$2
  shift 2
  local i code t
  for ((i = 0; i < WARMUP; i++)); do curl -s -o /dev/null -A "$UA" "$@" "$url"; done
  : >"$OUT/times.txt"
  for ((i = 0; i < REQUESTS; i++)); do
    read -r code t < <(curl -s -o /dev/null -A "$UA" -w '%{http_code} %{time_total}\n' "$@" "$url")
    if [[ $code != 200 ]]; then
      echo "$label: HTTP $code for $url" >&2
      exit 1
    fi
    echo "$t" >>"$OUT/times.txt"
  done
  python3 - "$label" "$OUT/times.txt" <<'EOF'
import statistics, sys
ms = sorted(float(x) * 1000 for x in open(sys.argv[2]))
p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
print(f"{sys.argv[1]:<44} median {statistics.median(ms):7.1f} ms  p95 {p95:7.1f} ms  max {ms[-1]:7.1f} ms  (n={len(ms)})")
EOF
}

run() {
  local label=$1
  shift
  local db_args=("$@")
  echo "$PASSWORD" | "$DAIHOI" user add bench --admin "${db_args[@]}" >/dev/null 2>&1 || true
  "$DAIHOI" serve --listen "127.0.0.1:$PORT" --no-demo "${db_args[@]}" >"$OUT/serve-$label.log" 2>&1 &
  SERVER=$!
  local i
  for ((i = 0; i < 100; i++)); do
    curl -s -o /dev/null -A "$UA" "$BASE/api/v1/organizations?q=" && break
    sleep 0.2
  done
  local root
  root=$(curl -s -A "$UA" "$BASE/api/v1/organizations?q=tinh" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["items"][0]["id"])')
  rm -f "$OUT/cookies.txt"
  curl -s -o /dev/null -A "$UA" -c "$OUT/cookies.txt" -H "Origin: $BASE" \
    --data-urlencode username=bench --data-urlencode "password=$PASSWORD" "$BASE/quan-tri/dang-nhap"
  echo "$label: root organization $root"
  times "$label dashboard /dai-hoi/to-chuc/$root/tien-do" "$BASE/dai-hoi/to-chuc/$root/tien-do" \
    -b "$OUT/cookies.txt"
  times "$label API /api/v1/organizations/$root/progress" "$BASE/api/v1/organizations/$root/progress"
  cleanup
  SERVER=
}

if [[ $WHICH == sqlite || $WHICH == both ]]; then
  [[ -s $OUT/sqlite/daihoi.db ]] || { echo "run bench/import.sh sqlite first" >&2; exit 1; }
  sqlite3 "$OUT/sqlite/daihoi.db" "$CONGRESSES"
  run sqlite --data-dir "$OUT/sqlite"
fi
if [[ $WHICH == postgres || $WHICH == both ]]; then
  psql -q "$PG_URL/daihoi_bench" -c "$CONGRESSES" >/dev/null
  mkdir -p "$OUT/pgdata"
  run postgres --data-dir "$OUT/pgdata" --database-url "$PG_URL/daihoi_bench"
fi
