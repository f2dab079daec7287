#!/usr/bin/env bash
# Makes sure the offline validator of deploy/kubernetes can run: installs the npm packages pinned in
# deploy/kubernetes/validate/package-lock.json (kubernetes-models, which carries the Kubernetes API
# schemas, and yaml) from the npm registry, once. kubectl renders the kustomizations; it must be on PATH.
set -euo pipefail

folder="$(cd "$(dirname "${BASH_SOURCE[0]}")/../deploy/kubernetes/validate" && pwd)"

command -v node >/dev/null 2>&1 || { echo "ensure-kubernetes-models: node is missing (Node.js 20 or later)." >&2; exit 1; }
command -v kubectl >/dev/null 2>&1 || { echo "ensure-kubernetes-models: kubectl is missing (it renders deploy/kubernetes)." >&2; exit 1; }

# The lock file is the record of what is installed: reinstall only when it changed.
stamp="$folder/node_modules/.package-lock.json"
if [ -f "$stamp" ] && [ "$stamp" -nt "$folder/package-lock.json" ]; then
  echo "kubernetes-models: installed in $folder/node_modules"
  exit 0
fi

echo "Installing the Kubernetes schema validator (npm ci in $folder)..."
(cd "$folder" && npm ci --no-audit --no-fund --loglevel=error)
echo "kubernetes-models: installed in $folder/node_modules"
