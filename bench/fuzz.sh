#!/usr/bin/env bash
# Fuzzing (issue 10; not part of the tests, CI need not run it). Runs each cargo-fuzz target of
# fuzz/ for a fixed time and prints what it found.
#
#   bash bench/fuzz.sh [SECONDS] [TARGET…]      (default: 60 s each, every target)
#
# Targets (fuzz/fuzz_targets/): election_json (the election JSON: parse, validate, count, view
# models), election_documents (names and headings typeset as ballot and minutes PDF), markdown
# (article bodies rendered and sanitised), photo (uploaded images and favicons cleaned), geojson (the boundary
# map and `import boundaries`), sheet (uploaded spreadsheets read as tables, both lists read and planned), sitemap_month
# (the month in the readable site map's addresses), search_query (search queries cut into words,
# snippets and highlights of any text), nukeviet_dump (a NukeViet mysqldump read and mapped, old
# addresses parsed), citizens (the schedule's week in addresses, the public question and contact
# form with its ticket, a schedule entry), document_pdf (an uploaded document's PDF check, its offered file name and
# the document form's checks). Needs the
# nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
#
# The corpus of each target grows in fuzz/corpus/<target>/ (not committed), seeded from the small
# inputs in fuzz/seeds/<target>/ (the repository's own fixtures). A failing input is saved in
# fuzz/artifacts/<target>/; replay it with `cargo +nightly fuzz run <target> <file>`, and keep it
# as a regression test in the normal test suite once fixed.
#
# Settings (environment): FUZZ_TARGET_DIR (where to build; else $CARGO_TARGET_DIR/fuzz when that is
#   set, else fuzz/target),
#   SANITIZER=none (address, memory … as cargo-fuzz accepts; the code is safe Rust, so `none`
#   builds and runs much faster), JOBS=1 (parallel fuzzing jobs per target),
#   RSS_LIMIT_MB=2048 (libFuzzer's memory limit: a run above it is a finding),
#   TIMEOUT=20 (seconds for one input: a slower one is a finding).
set -u
cd "$(dirname "$0")/../fuzz" || exit 1

SECONDS_EACH=${1:-60}
shift $(( $# > 0 ? 1 : 0 ))
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then
  TARGETS=(election_json election_documents markdown photo geojson sheet sitemap_month search_query nukeviet_dump citizens document_pdf)
fi
SANITIZER=${SANITIZER:-none}
JOBS=${JOBS:-1}
RSS_LIMIT_MB=${RSS_LIMIT_MB:-2048}
TIMEOUT=${TIMEOUT:-20}
TARGET_DIR_ARGS=()
if [ -n "${FUZZ_TARGET_DIR:-}" ]; then
  TARGET_DIR_ARGS=(--target-dir "$FUZZ_TARGET_DIR")
elif [ -n "${CARGO_TARGET_DIR:-}" ]; then
  TARGET_DIR_ARGS=(--target-dir "$CARGO_TARGET_DIR/fuzz")
fi

if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "fuzz.sh: cargo-fuzz for the nightly toolchain is missing: cargo install cargo-fuzz" >&2
  exit 2
fi

echo "== building ${TARGETS[*]} (sanitizer: $SANITIZER)"
for target in "${TARGETS[@]}"; do
  cargo +nightly fuzz build -s "$SANITIZER" "${TARGET_DIR_ARGS[@]}" "$target" || exit 1
done

# libFuzzer writes the output of parallel jobs to fuzz-N.log: one job runs in this process.
PARALLEL=()
if [ "$JOBS" -gt 1 ]; then
  PARALLEL=(-jobs="$JOBS" -workers="$JOBS")
fi

status=0
summary=()
for target in "${TARGETS[@]}"; do
  mkdir -p "corpus/$target" "artifacts/$target"
  if [ -d "seeds/$target" ]; then
    cp -n seeds/"$target"/* "corpus/$target/" 2>/dev/null
  fi
  before=$(find "artifacts/$target" -type f | wc -l)
  log="artifacts/$target.log"
  echo "== $target: ${SECONDS_EACH} s"
  cargo +nightly fuzz run -s "$SANITIZER" "${TARGET_DIR_ARGS[@]}" "$target" "corpus/$target" \
    -- -max_total_time="$SECONDS_EACH" -rss_limit_mb="$RSS_LIMIT_MB" -timeout="$TIMEOUT" \
    -max_len=262144 "${PARALLEL[@]}" -print_final_stats=1 >"$log" 2>&1
  rc=$?
  after=$(find "artifacts/$target" -type f | wc -l)
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
  corpus=$(find "corpus/$target" -type f | wc -l)
  if [ "$rc" -eq 0 ] && [ "$after" -eq "$before" ]; then
    line="$target: nothing found (${runs:-?} inputs, ${cov:-cov: ?}, corpus $corpus)"
  else
    status=1
    line="$target: FOUND something (exit $rc, $((after - before)) new artifact(s), see fuzz/$log)"
    grep -m3 -E "panicked at|ERROR: libFuzzer|SUMMARY" "$log" | sed 's/^/    /'
    find "artifacts/$target" -type f -newer "corpus/$target" | sed 's/^/    input: fuzz\//'
  fi
  echo "$line"
  summary+=("$line")
done

echo "== summary (${SECONDS_EACH} s each)"
printf '%s\n' "${summary[@]}"
exit $status
