#!/usr/bin/env bash
# Regenerates the committed OpenAPI document (docs/openapi/v1.json) from client-api's endpoints at
# build time (Microsoft.Extensions.ApiDescription.Server), then the C# client generated from it.
# Run it after any change to an endpoint, a contract type or the document's transformers; the tests
# OpenApiDocumentTests and ApiClientFreshnessTests fail until the committed files match again.
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet build client-api -c "${CONFIGURATION:-Debug}" -nologo -v quiet -p:OpenApiGenerateDocuments=true
echo "Wrote docs/openapi/v1.json."
bash scripts/generate-api-client.sh
