#!/usr/bin/env bash
# Makes sure PostgreSQL's server binaries are on this machine; the tests start their own private
# servers from them (initdb + pg_ctl on a temporary directory and a free port), never a shared one.
set -euo pipefail

find_pg_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

pg_bin="$(find_pg_bin || true)"
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "PostgreSQL server binaries are missing (/usr/lib/postgresql/*/bin/initdb) and this user cannot install them." >&2
    echo "Install them once with: sudo apt-get install -y postgresql" >&2
    exit 1
  fi
  echo "Installing PostgreSQL server binaries (apt-get install -y postgresql)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  pg_bin="$(find_pg_bin)"
fi
echo "PostgreSQL binaries: $pg_bin"
