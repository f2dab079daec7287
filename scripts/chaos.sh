#!/usr/bin/env bash
# The chaos run of issue 14 in one go, on loopback, bounded at 15 minutes: three silos and
# two client-apis as processes (the e2e topology: a private PostgreSQL, an in-process sandbox) under a
# steady read load and a stream of enrichment jobs, through PostgreSQL restarted fast, crashed
# (immediate) and stalled for 20 s (SIGSTOP), the upstream down for 60 s (503, then dropped
# connections), slow (3 s a call) and lying (malformed JSON, wrong types), and a fuzz burst. Then it
# accounts for every acknowledged job and prints the table (docs/operations.md, "Faults").
#
#   scripts/chaos.sh [--configuration Debug|Release] [--no-build]
#
# The table is also written to $JUICEBOX_CHAOS_REPORT (default .chaos/report.md). JUICEBOX_FUZZ_SEED
# replays the fuzz burst. It runs the explicit test ChaosRunTests, which ./test.sh never runs.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
configuration=Release
build=true
while [ $# -gt 0 ]; do
  case "$1" in
    --configuration) configuration="${2:?--configuration needs a value}"; shift 2 ;;
    --no-build) build=false; shift ;;
    -h|--help) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "chaos.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done

report="${JUICEBOX_CHAOS_REPORT:-$repo_root/.chaos/report.md}"
mkdir -p "$(dirname "$report")"
rm -f "$report"
"$repo_root/scripts/ensure-postgres.sh" >/dev/null

project="$repo_root/tests/Juicebox.EndToEnd.Tests"
if [ "$build" = true ]; then
  echo "Building ($configuration)..."
  dotnet build "$project" -c "$configuration" -nologo -v quiet >/dev/null
fi

echo "Running the chaos scenario (about 5 minutes; stopped after 15)..."
status=0
JUICEBOX_CHAOS_REPORT="$report" timeout 900 dotnet test --project "$project" -c "$configuration" --no-build \
  --filter-class '*ChaosRunTests' --explicit only --results-directory "$(dirname "$report")" || status=$?

if [ -f "$report" ]; then
  echo
  cat "$report"
else
  echo "chaos.sh: the run wrote no report (exit code $status)." >&2
fi
exit "$status"
