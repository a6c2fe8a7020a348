#!/usr/bin/env bash
# NukeViet import benchmark (issue 9: "50.000 articles import in under two minutes"; documented in
# docs/BENCHMARKS.md; not part of the tests).
#
#   bash bench/nukeviet.sh [sqlite|postgres|both]        (default: both)
#
# Generates a NukeViet 4 dump of $ARTICLES articles with bench/gen_nukeviet.py (4-8 KB HTML
# bodies, a picture every third article, a table every fifth, one per-category copy table, the
# counter), then runs the release binary's `daihoi import nukeviet DUMP --uploads <fixture
# uploads>` into a fresh database — SQLite in a fresh data directory, PostgreSQL in a fresh
# database `daihoi_nukeviet_bench` on $PG_URL — and prints the wall time and peak memory, then
# runs it a second time (which must change nothing) and times that too.
#
# Settings (environment): OUT=<dir> (default <target>/bench/nukeviet), DAIHOI=<release binary>,
#   (DAIHOI_BIN= is read too, as the other benches do) PG_URL=postgres://postgres@127.0.0.1:5432 (server URL without a database name),
#   ARTICLES=50000 SEED=2026.
set -euo pipefail
cd "$(dirname "$0")/.."

WHICH=${1:-both}
case $WHICH in
  sqlite | postgres | both) ;;
  *) echo "usage: bash bench/nukeviet.sh [sqlite|postgres|both]" >&2; exit 2 ;;
esac
TARGET=$(cargo metadata --format-version 1 --no-deps |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
OUT=${OUT:-$TARGET/bench/nukeviet}
DAIHOI=${DAIHOI:-${DAIHOI_BIN:-$TARGET/release/daihoi}}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}
ARTICLES=${ARTICLES:-50000}
SEED=${SEED:-2026}
UPLOADS=${DAIHOI_NUKEVIET_FIXTURE:-../shared/fixtures/nukeviet-4.5}/uploads

if [[ ! -x $DAIHOI ]]; then
  cargo build --release -p daihoi
fi
if [[ ! -x /usr/bin/time ]]; then
  echo "bench/nukeviet.sh: /usr/bin/time (GNU time) is needed for peak memory" >&2
  exit 1
fi
mkdir -p "$OUT"
DUMP=$OUT/dump-$ARTICLES-$SEED.sql
if [[ ! -s $DUMP ]]; then
  python3 bench/gen_nukeviet.py --articles "$ARTICLES" --seed "$SEED" --out "$DUMP"
fi
echo "dump: $(basename "$DUMP") ($(du -h "$DUMP" | cut -f1)), $ARTICLES articles"

# run <label> <db args…>: imports twice, timing each run.
run() {
  local label=$1
  shift
  for pass in first second; do
    /usr/bin/time -f "%e %M" -o "$OUT/time.txt" \
      "$DAIHOI" import nukeviet "$DUMP" --uploads "$UPLOADS" "$@" >"$OUT/import.out" 2>&1 || {
        cat "$OUT/import.out" >&2
        exit 1
      }
    read -r secs kb <"$OUT/time.txt"
    printf '%-9s %-7s %7.2f s  %6d MB peak  %s\n' "$label" "$pass" "$secs" $((kb / 1024)) \
      "$(grep -m1 'bài viết:' "$OUT/import.out" | sed 's/^ *//')"
  done
}

if [[ $WHICH == sqlite || $WHICH == both ]]; then
  rm -rf "$OUT/sqlite"
  mkdir -p "$OUT/sqlite"
  run sqlite --data-dir "$OUT/sqlite"
fi
if [[ $WHICH == postgres || $WHICH == both ]]; then
  psql -q "$PG_URL/postgres" -c "DROP DATABASE IF EXISTS daihoi_nukeviet_bench" \
    -c "CREATE DATABASE daihoi_nukeviet_bench" >/dev/null
  rm -rf "$OUT/postgres"
  mkdir -p "$OUT/postgres"
  run postgres --data-dir "$OUT/postgres" --database-url "$PG_URL/daihoi_nukeviet_bench"
fi
