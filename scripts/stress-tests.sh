#!/usr/bin/env bash
# Runs test modules N times with the machine's other core kept busy, prints each
# failing run's failures and a last line "F failures in N runs".
#
#   scripts/stress-tests.sh 200                      # the search modules, 200 times
#   scripts/stress-tests.sh 200 tests/test_search.py::test_counts_stop_at_the_count_limit
#
# A run is one pytest process over the given tests (default tests/test_search*.py).
set -u
runs=${1:?usage: scripts/stress-tests.sh N [pytest arguments...]}
shift
if [ "$#" -eq 0 ]; then
    set -- tests/test_search*.py
fi
cd "$(dirname "$0")/.."
python3 -c 'while True: pass' &
load=$!
trap 'kill "$load" 2>/dev/null' EXIT
output=$(mktemp)
failures=0
for run in $(seq 1 "$runs"); do
    if ! .venv/bin/pytest -q -p no:cacheprovider "$@" >"$output" 2>&1; then
        failures=$((failures + 1))
        echo "--- run $run failed:"
        grep -E '^(FAILED|ERROR) |^E  ' "$output" | head -40
    fi
done
rm -f "$output"
echo "$failures failures in $runs runs"
[ "$failures" -eq 0 ]
