#!/usr/bin/env bash
# The test command: builds the solution, runs every test project (each starts its own private
# PostgreSQL where it needs one; the dashboard's browser test drives Debian's Chromium; the OpenAPI
# lint runs Redocly's CLI from tools/redocly) and ends with
# one line of totals: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"

bash scripts/ensure-postgres.sh || exit 1
bash scripts/ensure-docker-compose.sh || exit 1
bash scripts/ensure-chromium.sh || exit 1
bash scripts/ensure-redocly.sh || exit 1
bash scripts/ensure-kubernetes-models.sh || exit 1

configuration="${CONFIGURATION:-Release}"
results="$PWD/TestResults"
rm -rf "$results"

if ! dotnet build Orleans.Juicebox.sln -c "$configuration" -nologo -v quiet; then
  echo "Build failed."
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

# Every test but the benchmark's quick run, in two lanes on the two cores: the end-to-end project (the
# longest, its tests one at a time) from the start, and every other project one after another beside it,
# then the end-to-end namespace that evens out the two lanes' times (the dashboard's browser test).
run_project() {
  dotnet test --project "$1" -c "$configuration" --no-build \
    --results-directory "$results" --report-trx --filter-not-trait "Category=Benchmark" "${@:2}"
}

end_to_end=tests/Juicebox.EndToEnd.Tests
second_lane_namespace=Juicebox.EndToEnd.Tests.Dashboard
run_project "$end_to_end" --filter-not-namespace "$second_lane_namespace" "$@" &
end_to_end_pid=$!

test_status=0
for project in $(ls -d tests/*.Tests | grep -v "^$end_to_end\$"); do
  run_project "$project" "$@" || test_status=$?
done
run_project "$end_to_end" --filter-namespace "$second_lane_namespace" \
  --report-trx-filename Juicebox.EndToEnd.Tests.second-lane.trx "$@" || test_status=$?
wait "$end_to_end_pid" || test_status=$?

# Then the quick benchmark alone: it loads both cores, and nothing else should be measured under it.
dotnet test --project tests/Juicebox.Bench.Tests -c "$configuration" --no-build \
  --results-directory "$results/benchmark" --report-trx --filter-trait "Category=Benchmark" "$@"
bench_status=$?
if [ "$test_status" -eq 0 ]; then
  test_status=$bench_status
fi

bash scripts/summarize-trx.sh "$results" "$test_status"
