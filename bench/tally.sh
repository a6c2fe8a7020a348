#!/usr/bin/env bash
# Counts a national-scale election (1.600 ballots, 200 candidates, 180 seats) with the release
# `daihoi tally`, the counting minutes PDF included when the binary supports `--minutes`, and
# records wall time and peak memory (GNU time -v).
#
#   bash bench/tally.sh            # builds target/release/daihoi if missing
#   DAIHOI=path/to/daihoi RUNS=5 bash bench/tally.sh
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=${OUT:-target/bench/tally}
RUNS=${RUNS:-5}
DAIHOI=${DAIHOI:-$(cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')/release/daihoi}
mkdir -p "$OUT"

if [[ ! -x $DAIHOI ]]; then
    cargo build --release -p daihoi
fi
if [[ ! -x /usr/bin/time ]]; then
    echo "bench/tally.sh: /usr/bin/time (GNU time) is needed for peak memory" >&2
    exit 1
fi

python3 bench/gen_election.py --ballots 1600 --candidates 200 --seats 180 --seed 2026 \
    >"$OUT/national.json"
echo "input: $OUT/national.json ($(wc -c <"$OUT/national.json") bytes)"

# Use --minutes when the binary lists it and it actually writes a PDF.
extra=()
label="tally (JSON only)"
if "$DAIHOI" tally --help | grep -q -- '--minutes' &&
    "$DAIHOI" tally "$OUT/national.json" --minutes "$OUT/probe.pdf" >/dev/null 2>"$OUT/probe.err" &&
    [[ -s $OUT/probe.pdf ]]; then
    extra=(--minutes "$OUT/minutes.pdf")
    label="tally + minutes PDF"
else
    echo "note: --minutes not available ($(head -c 200 "$OUT/probe.err" 2>/dev/null)); timing the JSON tally only"
fi

echo "runs: $RUNS × daihoi $label"
for run in $(seq 1 "$RUNS"); do
    /usr/bin/time -v "$DAIHOI" tally "$OUT/national.json" "${extra[@]}" \
        >"$OUT/result.json" 2>"$OUT/time.$run.txt"
    wall=$(grep 'Elapsed (wall clock)' "$OUT/time.$run.txt" | awk '{print $NF}')
    rss=$(grep 'Maximum resident set size' "$OUT/time.$run.txt" | awk '{print $NF}')
    echo "run $run: wall ${wall} (m:ss), peak RSS ${rss} KiB"
done

python3 - "$OUT/result.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))
print(f"result: collected {t['ballots_collected']}, valid {t['valid']}, invalid {t['invalid']} "
      f"{t['invalid_by_reason']}, needed {t['threshold']['votes_needed']}, "
      f"elected {len(t['elected'])}, tied {len(t['tied_for_last_seat'])}, "
      f"unfilled {t['unfilled_seats']}")
PY
if [[ ${#extra[@]} -gt 0 ]]; then
    echo "minutes: $OUT/minutes.pdf ($(wc -c <"$OUT/minutes.pdf") bytes)"
fi

# Reference in the same run: the same count done the plain way, a Python script that reads the JSON
# and adds up the kept names per candidate (no rules, no checks, no document) — roughly what a
# counting committee's spreadsheet does. It says how much the rules and the minutes cost on top.
cat >"$OUT/reference.py" <<'PY'
import json, sys
e = json.load(open(sys.argv[1]))
n = len(e["candidates"])
votes = [0] * n
for b in e["ballots"]:
    if "struck" in b:
        struck = set(b["struck"])
        kept = n - len(struck)
        if 0 < kept <= e["seats"] + e.get("alternates", 0):
            for i in range(n):
                if i not in struck:
                    votes[i] += 1
print(sorted(range(n), key=lambda i: -votes[i])[: e["seats"]][:3])
PY
echo "reference: python3 plain count of the same ballots"
for run in $(seq 1 "$RUNS"); do
    /usr/bin/time -v python3 "$OUT/reference.py" "$OUT/national.json" >/dev/null 2>"$OUT/ref.$run.txt"
    wall=$(grep 'Elapsed (wall clock)' "$OUT/ref.$run.txt" | awk '{print $NF}')
    rss=$(grep 'Maximum resident set size' "$OUT/ref.$run.txt" | awk '{print $NF}')
    echo "reference run $run: wall ${wall} (m:ss), peak RSS ${rss} KiB"
done
