#!/usr/bin/env bash
# Regenerates the C# API client (clients/Juicebox.ApiClient/Generated) from the committed OpenAPI
# document with Kiota (the local dotnet tool in dotnet-tools.json), and records the document's
# SHA-256 beside it: the test ApiClientFreshnessTests fails when that hash no longer matches.
# Run it after scripts/generate-openapi.sh whenever the document changes.
set -euo pipefail
cd "$(dirname "$0")/.."

document="docs/openapi/v1.json"
output="clients/Juicebox.ApiClient/Generated"

dotnet tool restore >/dev/null
dotnet kiota generate --language CSharp --openapi "$document" \
  --class-name JuiceboxApiClient --namespace-name Juicebox.ApiClient \
  --output "$output" --exclude-backward-compatible --clean-output --log-level Error
rm -f "$output/.kiota.log"
sha256sum "$document" | cut -d' ' -f1 > "$output/openapi-document.sha256"
echo "Generated $output from $document ($(cat "$output/openapi-document.sha256"))."
