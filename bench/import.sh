#!/usr/bin/env bash
# Import benchmark (issue 8: "a tree of 10.000 organizations and 300.000 people imports in under
# 60 s"; documented in docs/BENCHMARKS.md; not part of the tests).
#
#   bash bench/import.sh [sqlite|postgres|both]        (default: both)
#
# Generates a province with bench/gen_tree.py (one file of 10.000 organizations, three files of
# 100.000 people: the sheets crate reads at most 100.000 rows a file), then imports them with the
# release binary's `daihoi import` into a fresh database — SQLite in a fresh data directory,
# PostgreSQL in a fresh database `daihoi_bench` on $PG_URL — and prints the wall time and peak
# memory of each file and the total. The last database of each kind is left in place for
# bench/dashboard.sh.
#
# Settings (environment): OUT=<dir> (default <target>/bench/import), DAIHOI=<release binary>,
#   PG_URL=postgres://postgres@127.0.0.1:5432 (server URL without a database name),
#   ORGANIZATIONS=10000 PEOPLE=300000 SEED=2026.
set -euo pipefail
cd "$(dirname "$0")/.."

WHICH=${1:-both}
case $WHICH in
  sqlite | postgres | both) ;;
  *) echo "usage: bash bench/import.sh [sqlite|postgres|both]" >&2; exit 2 ;;
esac
TARGET=$(cargo metadata --format-version 1 --no-deps |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
OUT=${OUT:-$TARGET/bench/import}
DAIHOI=${DAIHOI:-$TARGET/release/daihoi}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}
ORGANIZATIONS=${ORGANIZATIONS:-10000}
PEOPLE=${PEOPLE:-300000}
SEED=${SEED:-2026}

if [[ ! -x $DAIHOI ]]; then
  cargo build --release -p daihoi
fi
if [[ ! -x /usr/bin/time ]]; then
  echo "bench/import.sh: /usr/bin/time (GNU time) is needed for peak memory" >&2
  exit 1
fi

mkdir -p "$OUT"
FILES=$OUT/files
if [[ ! -s $FILES/to-chuc.csv || ! -f $FILES/.params || $(cat "$FILES/.params") != "$ORGANIZATIONS $PEOPLE $SEED" ]]; then
  rm -rf "$FILES"
  python3 bench/gen_tree.py --out "$FILES" --organizations "$ORGANIZATIONS" --people "$PEOPLE" --seed "$SEED"
  echo "$ORGANIZATIONS $PEOPLE $SEED" >"$FILES/.params"
fi
echo "files: $(ls "$FILES"/*.csv | xargs -n1 basename | tr '\n' ' ')($(du -sh "$FILES" | cut -f1))"

# import <label> <db args…>: imports every file in order, timing each.
import_all() {
  local label=$1
  shift
  local total=0 file list secs
  for file in "$FILES"/to-chuc.csv "$FILES"/nhan-su-*.csv; do
    case $(basename "$file") in
      to-chuc*) list=organizations ;;
      *) list=people ;;
    esac
    /usr/bin/time -f "%e %M" -o "$OUT/time.txt" \
      "$DAIHOI" import "$list" "$file" "$@" >"$OUT/import.out" 2>&1 || {
        cat "$OUT/import.out" >&2
        exit 1
      }
    read -r secs kb <"$OUT/time.txt"
    total=$(python3 -c "print(round($total + $secs, 2))")
    printf '%-9s %-14s %7.2f s  %6d MB peak  %s\n' "$label" "$(basename "$file")" "$secs" \
      $((kb / 1024)) "$(tail -n1 "$OUT/import.out")"
  done
  printf '%-9s %-14s %7.2f s\n' "$label" "total" "$total"
}

if [[ $WHICH == sqlite || $WHICH == both ]]; then
  rm -rf "$OUT/sqlite"
  mkdir -p "$OUT/sqlite"
  import_all sqlite --data-dir "$OUT/sqlite"
fi
if [[ $WHICH == postgres || $WHICH == both ]]; then
  psql -q "$PG_URL/postgres" -c "DROP DATABASE IF EXISTS daihoi_bench" \
    -c "CREATE DATABASE daihoi_bench" >/dev/null
  import_all postgres --database-url "$PG_URL/daihoi_bench"
fi
