#!/usr/bin/env bash
# Site maps, feeds and the deep category pager at 100.000 articles (issue 9; documented in
# docs/BENCHMARKS.md, "Site maps and feeds"; not part of the tests).
#
#   bash bench/sitemap.sh [sqlite|postgres|both]        (default: both)
#
# For each database: starts `daihoi serve` with the demo data in a fresh data dir (PostgreSQL: a
# fresh database on $PG_URL), stops it, adds $ARTICLES published articles to the demo's first
# section in one SQL statement (as issue 9 measured: every article in one section, one every
# 50 minutes back from now, so 100.000 articles span about 9,5 years and the section has 10.000
# pages of 10), starts daihoi again and measures with curl, as a bot (visits are not the point):
#   - the first /sitemap.xml after the start (the kept site maps built: one read of every public
#     article, the files written),
#   - then $REPEAT requests each of /sitemap.xml, /sitemap-articles-1.xml, /sitemap-pages.xml,
#     /so-do-trang, one month of the readable site map, /rss.xml and a deep category page
#     (?trang=9000), printing for each the median and the slowest time and the size,
#   - one /sitemap.xml after a new article is published through the administration's table
#     (the kept site maps rebuilt after the store's stamp moved: $REBUILD_WAIT s later),
#   - daihoi's peak RSS (VmHWM).
# Settings (environment): ARTICLES=100000 REPEAT=20 SERVER_CPU=0 (daihoi pinned there; curl runs
#   on the other core) PG_URL=postgres://postgres@127.0.0.1:5432
#   DAIHOI_BIN=<path> to measure a binary already built (release!) instead of building one.
# Only loopback addresses are used; every loop is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."

ARTICLES=${ARTICLES:-100000}
REPEAT=${REPEAT:-20}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=$((1 - SERVER_CPU))
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}
WHICH=${1:-both}
UA="daihoi-bench-script-bot/1.0"
REBUILD_WAIT=3

case $WHICH in
  sqlite | postgres | both) ;;
  *) echo "usage: bash bench/sitemap.sh [sqlite|postgres|both]" >&2; exit 2 ;;
esac

need=()
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v sqlite3 >/dev/null 2>&1 || need+=(sqlite3)
if [ "$WHICH" != sqlite ]; then command -v psql >/dev/null 2>&1 || need+=(postgresql-client); fi
if [ ${#need[@]} -gt 0 ]; then
  echo "== installing ${need[*]} (apt)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

if [ -n "${DAIHOI_BIN:-}" ]; then
  DAIHOI=$DAIHOI_BIN
else
  echo "== building daihoi (release)"
  cargo build --release --bin daihoi --quiet
  DAIHOI="$(cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')/release/daihoi"
fi

WORK=$(mktemp -d /tmp/daihoi-sitemap-bench.XXXXXX)
DAIHOI_PID=""
cleanup() {
  [ -n "$DAIHOI_PID" ] && kill "$DAIHOI_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

wait_http() {
  for _ in $(seq 1 600); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' -A "$UA" "$1" || true)" = 200 ]; then return 0; fi
    sleep 0.2
  done
  echo "no answer from $1 within 120 s" >&2
  return 1
}

# Runs SQL $2 on database $1 (a SQLite file or a PostgreSQL URL).
sql() {
  case $1 in
    postgres://*) psql -X -q -tA -v ON_ERROR_STOP=1 "$1" -c "$2" ;;
    *) sqlite3 "$1" "$2" ;;
  esac
}

start() { # data dir, port, extra args…
  local data=$1 port=$2
  shift 2
  env -u DATABASE_URL RUST_LOG=warn taskset -c "$SERVER_CPU" \
    "$DAIHOI" serve --listen "127.0.0.1:$port" --data-dir "$data" "$@" >>"$data/daihoi.log" 2>&1 &
  DAIHOI_PID=$!
  wait_http "http://127.0.0.1:$port/healthz"
}

stop() {
  kill -TERM "$DAIHOI_PID"
  wait "$DAIHOI_PID" || true
  DAIHOI_PID=""
}

# One timed GET: prints "seconds bytes status".
get() {
  taskset -c "$CLIENT_CPU" curl -s -o /dev/null -A "$UA" -w '%{time_total} %{size_download} %{http_code}\n' "$1"
}

# $REPEAT GETs of $2 (named $1): median and slowest time in ms, size, status.
measure() {
  local name=$1 url=$2 i
  for i in $(seq 1 "$REPEAT"); do get "$url"; done | python3 -c '
import statistics, sys
name = sys.argv[1]
rows = [l.split() for l in sys.stdin if l.strip()]
t = sorted(float(r[0]) * 1000 for r in rows)
codes = "/".join(sorted({r[2] for r in rows}))
size = f"{int(rows[-1][1]):>11,}".replace(",", ".")
print(f"   {name:34} median {statistics.median(t):8.1f} ms  slowest {t[-1]:8.1f} ms  {size} bytes  status {codes}")
' "$name"
}

bench_one() {
  local backend=$1 data="$WORK/$1" args=() db
  mkdir -p "$data"
  if [ "$backend" = postgres ]; then
    local name="daihoi_sitemap_$(date +%s)_$$"
    psql -X -q "$PG_URL/postgres" -c "CREATE DATABASE $name" >/dev/null
    db="$PG_URL/$name"
    args=(--database-url "$db")
  else
    db="$data/daihoi.db"
  fi
  local port
  port=$(free_port)
  echo
  echo "== $backend: demo data, then $ARTICLES articles in the first section"
  start "$data" "$port" "${args[@]}"
  stop
  local now_us cat
  now_us=$(($(date +%s) * 1000000))
  cat=$(sql "$db" "SELECT id FROM category ORDER BY position, id LIMIT 1")
  local t0 t1
  t0=$(date +%s.%N)
  sql "$db" "INSERT INTO article (slug, title, lead, body_md, kind, category_id, status, published_at, created_at, updated_at)
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $ARTICLES)
    SELECT 'bai-thu-nghiem-' || i, 'Bài thử nghiệm số ' || i, 'Sapo của bài thử nghiệm số ' || i,
           'Nội dung của bài thử nghiệm số ' || i || '.', 'news', $cat, 'published',
           $now_us - 3600000000 - i * 3000000000, $now_us - 3600000000 - i * 3000000000,
           $now_us - 3600000000 - i * 3000000000
    FROM n"
  t1=$(date +%s.%N)
  echo "   inserted in $(python3 -c "print(f'{$t1 - $t0:.1f}')") s; public articles: $(sql "$db" "SELECT COUNT(*) FROM article WHERE status = 'published'")"
  [ "$backend" = postgres ] && sql "$db" "ANALYZE" >/dev/null
  start "$data" "$port" "${args[@]}"
  local base="http://127.0.0.1:$port" slug month
  slug=$(sql "$db" "SELECT slug FROM category WHERE id = $cat")
  echo "   daihoi pid $DAIHOI_PID on core $SERVER_CPU; curl on core $CLIENT_CPU; $REPEAT requests each"
  read -r secs bytes code < <(get "$base/sitemap.xml")
  echo "   first /sitemap.xml after start (builds the kept site maps): $(python3 -c "print(f'{$secs * 1000:.0f}')") ms, status $code"
  month=$(curl -s -A "$UA" "$base/so-do-trang" | grep -o "/so-do-trang/$slug/[0-9-]*" | sed -n 5p)
  measure "/sitemap.xml" "$base/sitemap.xml"
  measure "/sitemap-articles-1.xml" "$base/sitemap-articles-1.xml"
  measure "/sitemap-articles-2.xml" "$base/sitemap-articles-2.xml"
  measure "/sitemap-pages.xml" "$base/sitemap-pages.xml"
  measure "/so-do-trang" "$base/so-do-trang"
  measure "$month" "$base$month"
  measure "$month?trang=2" "$base$month?trang=2"
  measure "/rss.xml" "$base/rss.xml"
  measure "/chuyen-muc/$slug/atom.xml" "$base/chuyen-muc/$slug/atom.xml"
  measure "/chuyen-muc/$slug?trang=9000" "$base/chuyen-muc/$slug?trang=9000"
  measure "/chuyen-muc/$slug?trang=2" "$base/chuyen-muc/$slug?trang=2"
  # A change made outside this process: the next check (within 2 s) sees the stamp move and
  # rebuilds once.
  sql "$db" "UPDATE article SET title = 'Đã sửa', updated_at = $(($(date +%s) * 1000000)) WHERE slug = 'bai-thu-nghiem-1'"
  sleep "$REBUILD_WAIT"
  read -r secs bytes code < <(get "$base/sitemap.xml")
  echo "   /sitemap.xml after an article changed (rebuilds once): $(python3 -c "print(f'{$secs * 1000:.0f}')") ms, status $code"
  measure "/sitemap.xml (after the rebuild)" "$base/sitemap.xml"
  echo "   pager links on ?trang=9000: $(curl -s -A "$UA" "$base/chuyen-muc/$slug?trang=9000" | grep -c 'aria-label="Trang ')"
  echo "   daihoi peak RSS (VmHWM): $(awk '/^VmHWM/ {printf "%.1f MiB", $2 / 1024}' "/proc/$DAIHOI_PID/status")"
  stop
  if [ "$backend" = postgres ]; then
    psql -X -q "$PG_URL/postgres" -c "DROP DATABASE IF EXISTS ${db##*/} WITH (FORCE)" >/dev/null || true
  fi
}

echo "== machine: $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ); $(git rev-parse --short HEAD); load average $(cut -d' ' -f1-3 /proc/loadavg)"
case $WHICH in
  sqlite) bench_one sqlite ;;
  postgres) bench_one postgres ;;
  both) bench_one sqlite; bench_one postgres ;;
esac
