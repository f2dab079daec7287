#!/usr/bin/env bash
# Makes sure Debian's nginx is on this machine: scripts/cluster.sh --proxy runs it (as a plain process
# on loopback, never as the system service) in front of the client-apis, as docker-compose's proxy.
set -euo pipefail

if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
  echo "nginx: $(/usr/sbin/nginx -v 2>&1 | sed 's/^nginx version: //')"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "nginx is missing and this user cannot install it. Install it once with: sudo apt-get install -y nginx-light" >&2
  exit 1
fi
echo "Installing nginx (apt-get install -y nginx-light)..."
apt-get update -qq
# policy-rc.d keeps the package from starting the system service: only the cluster script runs nginx.
printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
chmod +x /usr/sbin/policy-rc.d
trap 'rm -f /usr/sbin/policy-rc.d' EXIT
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx-light >/dev/null 2>&1 \
  || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx >/dev/null
echo "nginx: $(/usr/sbin/nginx -v 2>&1 | sed 's/^nginx version: //')"
