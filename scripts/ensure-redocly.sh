#!/usr/bin/env bash
# Makes sure Redocly's CLI (pinned in tools/redocly/package.json and package-lock.json) is installed
# in tools/redocly/node_modules: the OpenAPI lint test (OpenApiLintTests) runs it offline from there.
set -euo pipefail
cd "$(dirname "$0")/../tools/redocly"

if [ ! -x node_modules/.bin/redocly ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  if ! command -v npm >/dev/null; then
    echo "npm is missing: install Node.js (20.19 or later) to lint the OpenAPI document." >&2
    exit 1
  fi
  echo "Installing Redocly's CLI (npm ci in tools/redocly)..."
  npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null
fi
echo "Redocly: $(REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true node_modules/.bin/redocly --version 2>/dev/null | tail -1)"
