#!/usr/bin/env bash
# Adds up the TRX reports of all test projects into one line: "N passed, N failed, N skipped".
# A test project that exited with an error but wrote no failure (a crash, a fixture that could not
# start) is counted as one failure, so a broken run can never print "0 failed".
set -uo pipefail
results="$1"
test_status="${2:-0}"

passed=0; failed=0; skipped=0; reports=0
for trx in $(find "$results" -name '*.trx' 2>/dev/null); do
  reports=$((reports + 1))
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  value() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  total=$(value total); p=$(value passed); f=$(value failed); e=$(value error); t=$(value timeout); a=$(value aborted)
  passed=$((passed + p))
  failed=$((failed + f + e + t + a))
  skipped=$((skipped + total - p - f - e - t - a))
done

if [ "$test_status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with $test_status without a failed test in its reports ($reports found): counted as a failure."
  failed=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
