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
# then the end-to-end namespaces that even out the two lanes' times (the dashboard's and the web
# console's browser tests, in one run). Each test project is an executable (xunit v3 on
# Microsoft.Testing.Platform) and is run as such: `dotnet test` would spend a few seconds of MSBuild
# on each of the ten runs before starting the same executable, from the same folder, with the same options.
run_tests() {
  local project="$1" results_directory="$2" report="$3"
  local name; name="$(basename "$project")"
  env "${runtime_settings[@]}" "$project/bin/$configuration/net10.0/$name" \
    --results-directory "$results_directory" --report-trx --report-trx-filename "$report" "${@:4}"
}

# The tests' processes, and every silo, client-api and CLI they start, keep the code the JIT first
# compiles: no profiling tier and no recompiling of hot methods (DOTNET_TieredPGO=0,
# DOTNET_TC_CallCounting=0). Each of those processes lives for seconds to a minute, too short for the
# recompiled code to pay back the CPU its compiling takes from the other lane: a third less CPU for an
# end-to-end drill, a fifth less for the API tests. The benchmark runs with the runtime's defaults.
runtime_settings=(DOTNET_TieredPGO=0 DOTNET_TC_CallCounting=0)

run_project() {
  run_tests "$1" "$results" "$(basename "$1")_net10.0_x64.trx" --filter-not-trait "Category=Benchmark" "${@:2}"
}

end_to_end=tests/Juicebox.EndToEnd.Tests
second_lane_namespaces=(Juicebox.EndToEnd.Tests.Dashboard Juicebox.EndToEnd.Tests.WebConsole)
first_lane_filters=(); second_lane_filters=()
for namespace in "${second_lane_namespaces[@]}"; do
  first_lane_filters+=(--filter-not-namespace "$namespace")
  second_lane_filters+=(--filter-namespace "$namespace")
done
run_project "$end_to_end" "${first_lane_filters[@]}" "$@" &
end_to_end_pid=$!

test_status=0
for project in $(ls -d tests/*.Tests | grep -v "^$end_to_end\$"); do
  run_project "$project" "$@" || test_status=$?
done
run_tests "$end_to_end" "$results" Juicebox.EndToEnd.Tests.second-lane.trx --filter-not-trait "Category=Benchmark" \
  "${second_lane_filters[@]}" "$@" || test_status=$?
wait "$end_to_end_pid" || test_status=$?

# Then the quick benchmark alone: it loads both cores, and nothing else should be measured under it.
runtime_settings=()
run_tests tests/Juicebox.Bench.Tests "$results/benchmark" Juicebox.Bench.Tests_net10.0_x64.trx \
  --filter-trait "Category=Benchmark" "$@"
bench_status=$?
if [ "$test_status" -eq 0 ]; then
  test_status=$bench_status
fi

bash scripts/summarize-trx.sh "$results" "$test_status"
