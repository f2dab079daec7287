#!/usr/bin/env bash
# Runs the benchmark (docs/benchmarks.md): builds everything in Release, then starts the system as
# processes on loopback, measures it with the load generator and writes bench/results/{full,quick}.{json,md}.
#   ./bench.sh [--quick] [--output <directory>] [--only embedded,cluster,drain,memory,peer,scale]
set -euo pipefail
cd "$(dirname "$0")"

bash scripts/ensure-postgres.sh
bash scripts/ensure-peers.sh
dotnet build Orleans.Juicebox.sln -c Release -nologo -v quiet
exec dotnet bench/Juicebox.Bench/bin/Release/net10.0/Juicebox.Bench.dll "$@"
