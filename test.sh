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

# Every test but the benchmark's quick run, the projects in parallel...
dotnet test --solution Orleans.Juicebox.sln -c "$configuration" --no-build \
  --results-directory "$results" --report-trx --filter-not-trait "Category=Benchmark" "$@"
test_status=$?

# ...then the quick benchmark alone: it loads both cores, and nothing else should be measured under it.
dotnet test --project tests/Juicebox.Bench.Tests -c "$configuration" --no-build \
  --results-directory "$results/benchmark" --report-trx --filter-trait "Category=Benchmark" "$@"
bench_status=$?
if [ "$test_status" -eq 0 ]; then
  test_status=$bench_status
fi

bash scripts/summarize-trx.sh "$results" "$test_status"
