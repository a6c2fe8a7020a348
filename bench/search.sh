#!/usr/bin/env bash
# Search benchmark (issue 9; documented in docs/BENCHMARKS.md; not part of the tests).
#
#   bash bench/search.sh [sqlite|postgres|both]        (default: both)
#
# For each database: starts `daihoi serve` once on a fresh database so it loads the demo, stops it,
# adds ARTICLES generated articles straight into the article table (bench/gen_articles.py: no
# folded text, no index row), starts the server again and times how long the start takes (it
# folds and indexes every new article: Store::fill_search_text, Store::index_missing), then asks
# GET /api/v1/search?q=… for each query of a realistic set (common words matching tens of
# thousands of articles, phrases, rare words, a word found nowhere) REQUESTS times after WARMUP
# requests, one at a time, and prints per query the number of hits ("1000+": more match than the
# 1.000 listed), the median and the p95, and
# the p95 over all requests. Then the same for the search page /tim-kiem for three queries.
#
# Settings (environment): ARTICLES=100000 REQUESTS=20 WARMUP=3 PORT=18093
#   DAIHOI_BIN=<path> to measure a binary already built (release!) instead of building one
#   PG_URL=postgres://postgres@127.0.0.1:5432 (server URL without a database name; the database
#   daihoi_search_bench is dropped and made again)
#   KEEP=1 keeps the work directory (printed) with the SQLite database and the server logs, and
#   the PostgreSQL database.
# Only loopback addresses are used; every loop is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."

ARTICLES=${ARTICLES:-100000}
REQUESTS=${REQUESTS:-20}
WARMUP=${WARMUP:-3}
PORT=${PORT:-18093}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}
PG_DB=daihoi_search_bench
WHICH=${1:-both}
BASE="http://127.0.0.1:$PORT"
UA="daihoi-bench-script-bot/1.0"
case $WHICH in
  sqlite | postgres | both) ;;
  *) echo "usage: bash bench/search.sh [sqlite|postgres|both]" >&2; exit 2 ;;
esac
for tool in curl python3 sqlite3; do
  command -v $tool >/dev/null || { echo "needs $tool" >&2; exit 2; }
done
if [ "$WHICH" != sqlite ]; then command -v psql >/dev/null || { echo "needs psql" >&2; exit 2; }; fi

if [ -n "${DAIHOI_BIN:-}" ]; then
  DAIHOI=$DAIHOI_BIN
else
  echo "== building daihoi (release)"
  cargo build --release --bin daihoi --quiet
  DAIHOI="$(cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')/release/daihoi"
fi

WORK=$(mktemp -d /tmp/daihoi-search-bench.XXXXXX)
SERVER=""
cleanup() {
  if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  SERVER=""
}
finish() {
  cleanup
  if [ -n "${KEEP:-}" ]; then echo "work directory kept: $WORK"; else rm -rf "$WORK"; fi
}
trap finish EXIT

QUERIES=(
  "dai hoi dang bo huyen"
  "Đại hội"
  "tân uyên"
  "chè Shan tuyết"
  "xây dựng nông thôn mới"
  "bầu cử đại biểu hội đồng nhân dân"
  "ban chấp hành"
  "phòng chống dịch"
  "hội nông dân xã phúc khoa"
  "nhiệm kỳ 2020–2025"
  "lai chau"
  "tòng văn hải"
  "sì thâu chải"
  "ruộng bậc thang mùa nước đổ"
  "khongcotu"
)

# start LABEL ARGS…: starts the server and waits (up to 30 min) until it answers.
start() {
  local label=$1
  shift
  local t0 i
  t0=$(date +%s.%N)
  "$DAIHOI" serve --listen "127.0.0.1:$PORT" "$@" >>"$WORK/serve-$label.log" 2>&1 &
  SERVER=$!
  for ((i = 0; i < 9000; i++)); do
    curl -s -o /dev/null "$BASE/healthz" && break
    kill -0 "$SERVER" 2>/dev/null || { echo "$label: the server stopped; see $WORK/serve-$label.log" >&2; tail -5 "$WORK/serve-$label.log" >&2; exit 1; }
    sleep 0.2
  done
  python3 -c "import sys; print(f'$label: started in {float(sys.argv[2]) - float(sys.argv[1]):.1f} s')" "$t0" "$(date +%s.%N)"
}

# measure LABEL: the query set against the API, then three queries against the page.
measure() {
  local label=$1
  python3 - "$label" "$BASE" "$REQUESTS" "$WARMUP" "$UA" "${QUERIES[@]}" <<'PY'
import json, statistics, sys, time, urllib.parse, urllib.request
label, base, n, warm, ua, *queries = sys.argv[1:]
n, warm = int(n), int(warm)
def get(path):
    req = urllib.request.Request(base + path, headers={"User-Agent": ua})
    t = time.perf_counter()
    with urllib.request.urlopen(req) as r:
        body = r.read()
        assert r.status == 200, (path, r.status)
    return (time.perf_counter() - t) * 1000, body
def p95(ms):
    ms = sorted(ms)
    return ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
every = []
print(f"{label}: GET /api/v1/search?q=… ({n} requests each after {warm} warm-up)")
for q in queries:
    path = "/api/v1/search?q=" + urllib.parse.quote_plus(q)
    for _ in range(warm):
        get(path)
    ms = []
    for _ in range(n):
        t, body = get(path)
        ms.append(t)
    every += ms
    total = json.loads(body)["total"]
    more = "+" if json.loads(body).get("more") else " "
    first = (json.loads(body)["items"] or [{"title": "—"}])[0]["title"]
    print(f"  {q:<36} {total:>7}{more}hits  median {statistics.median(ms):6.1f} ms  p95 {p95(ms):6.1f} ms  first: {first[:60]}")
print(f"  ALL {len(every)} requests: median {statistics.median(every):.1f} ms  p95 {p95(every):.1f} ms  max {max(every):.1f} ms")
for q in queries[:3]:
    path = "/tim-kiem?q=" + urllib.parse.quote_plus(q)
    for _ in range(warm):
        get(path)
    ms = [get(path)[0] for _ in range(n)]
    print(f"  page /tim-kiem?q={q:<28} median {statistics.median(ms):6.1f} ms  p95 {p95(ms):6.1f} ms")
PY
}

categories() { # the demo's category ids, comma-separated, from a query's output
  tr -s ' \n' ',' | sed 's/^,//; s/,$//'
}

if [[ $WHICH == sqlite || $WHICH == both ]]; then
  mkdir -p "$WORK/sqlite"
  start sqlite --data-dir "$WORK/sqlite"
  cleanup
  DB="$WORK/sqlite/daihoi.db"
  CATS=$(sqlite3 "$DB" "SELECT id FROM category" | categories)
  echo "sqlite: generating $ARTICLES articles"
  python3 bench/gen_articles.py sqlite "$DB" "$ARTICLES" "$CATS"
  start sqlite --data-dir "$WORK/sqlite"
  echo "sqlite: $(sqlite3 "$DB" "SELECT COUNT(*) FROM article") articles, $(sqlite3 "$DB" "SELECT COUNT(*) FROM search_doc") indexed, database $(du -h "$DB" | cut -f1)"
  measure sqlite
  cleanup
fi
if [[ $WHICH == postgres || $WHICH == both ]]; then
  psql -q "$PG_URL/postgres" -c "DROP DATABASE IF EXISTS $PG_DB" -c "CREATE DATABASE $PG_DB" >/dev/null
  mkdir -p "$WORK/pgdata"
  URL="$PG_URL/$PG_DB"
  start postgres --data-dir "$WORK/pgdata" --database-url "$URL"
  cleanup
  CATS=$(psql -At "$URL" -c "SELECT id FROM category" | categories)
  echo "postgres: generating $ARTICLES articles"
  python3 bench/gen_articles.py csv "$ARTICLES" "$CATS" >"$WORK/articles.csv"
  psql -q "$URL" -c "\\copy article (slug, title, lead, body_md, kind, category_id, author, source, status, published_at, created_at, updated_at, search_text) FROM '$WORK/articles.csv' WITH (FORMAT csv, FORCE_NOT_NULL (source, search_text))"
  rm -f "$WORK/articles.csv"
  start postgres --data-dir "$WORK/pgdata" --database-url "$URL"
  psql -q "$URL" -c "VACUUM ANALYZE" >/dev/null
  echo "postgres: $(psql -At "$URL" -c "SELECT COUNT(*) FROM article") articles, $(psql -At "$URL" -c "SELECT COUNT(*) FROM search_doc") indexed, database $(psql -At "$URL" -c "SELECT pg_size_pretty(pg_database_size(current_database()))")"
  measure postgres
  cleanup
  if [ -n "${KEEP:-}" ]; then
    echo "database kept: $URL"
  else
    psql -q "$PG_URL/postgres" -c "DROP DATABASE IF EXISTS $PG_DB" >/dev/null
  fi
fi
