#!/usr/bin/env bash
# Runs the benchmark (docs/benchmarks.md): builds what it runs in Release (the bench, the load generator and
# the two hosts: bench/Juicebox.Bench.slnf), then starts the system as processes on loopback, measures it
# with the load generator and writes bench/results/{full,quick}.{json,md}.
#   ./bench.sh [--no-build] [--quick] [--output <directory>] [--only embedded,cluster,drain,memory,peer,scale] [--cold-reads N]
# --no-build runs the Release build already there (e.g. one made just before on a machine to be kept quiet).
set -euo pipefail
cd "$(dirname "$0")"

build=true
args=()
for arg in "$@"; do
  if [ "$arg" = "--no-build" ]; then build=false; else args+=("$arg"); fi
done

bash scripts/ensure-postgres.sh
bash scripts/ensure-peers.sh
if $build; then
  dotnet build bench/Juicebox.Bench.slnf -c Release -nologo -v quiet
fi
exec dotnet bench/Juicebox.Bench/bin/Release/net10.0/Juicebox.Bench.dll "${args[@]}"
