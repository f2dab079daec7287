#!/usr/bin/env bash
# Makes sure the benchmark's peer (bench/peers/express-redis: Node.js + Express + Redis) can run:
# Debian's redis-server, and the peer's npm packages exactly as its package-lock.json pins them.
# Only the full benchmark needs it; the quick run in the test suite does not run the peer.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v redis-server >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "redis-server is missing and this user cannot install it: sudo apt-get install -y redis-server" >&2
    exit 1
  fi
  echo "Installing redis-server (apt-get install -y redis-server)..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null || {
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  }
fi

# The Debian package starts a system-wide server; the benchmark starts its own on a free port.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet redis-server 2>/dev/null; then
  systemctl stop redis-server || true
fi

if ! command -v node >/dev/null 2>&1; then
  echo "node is missing (Node.js 20 or later runs the benchmark's peer)" >&2
  exit 1
fi

peer=bench/peers/express-redis
if [ ! -d "$peer/node_modules" ] || [ "$peer/package-lock.json" -nt "$peer/node_modules" ]; then
  (cd "$peer" && npm ci --no-audit --no-fund --loglevel=error)
fi
echo "Peer: $(redis-server --version | cut -d' ' -f1-3), node $(node --version)"
