#!/usr/bin/env bash
# Makes sure docker-compose is on this machine: the tests check docker-compose.yml with
# "docker-compose config", which reads and validates the file without a Docker engine.
set -euo pipefail

if command -v docker-compose >/dev/null 2>&1; then
  echo "docker-compose: $(docker-compose version --short 2>/dev/null || echo present)"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "docker-compose is missing and this user cannot install it." >&2
  echo "Install it once with: sudo apt-get install -y docker-compose" >&2
  exit 1
fi
echo "Installing docker-compose (apt-get install -y docker-compose)..."
apt-get update -qq
# Only the command-line tool: "config" needs no engine, so the Docker daemon it recommends is left out.
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >/dev/null
echo "docker-compose: $(docker-compose version --short 2>/dev/null || echo installed)"
