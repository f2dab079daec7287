#!/usr/bin/env bash
# Makes sure Debian's Chromium is on this machine: the dashboard's browser test drives it headless
# through Playwright (the driver ships inside the Microsoft.Playwright package; Playwright never
# downloads a browser of its own here).
set -euo pipefail

chromium="${JUICEBOX_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Chromium is missing ($chromium) and this user cannot install it." >&2
    echo "Install it once with: sudo apt-get install -y chromium" >&2
    exit 1
  fi
  echo "Installing Chromium (apt-get install -y chromium)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1 apt-get install -y -qq chromium >/dev/null
  if [ ! -x "$chromium" ]; then
    echo "apt-get installed chromium, but $chromium is still missing: unset JUICEBOX_CHROMIUM or point it at the browser." >&2
    exit 1
  fi
fi
echo "Chromium: $("$chromium" --version 2>/dev/null || echo "$chromium")"
