#!/bin/sh
# The entry point of every host image: runs the host assembly named by HOST_ASSEMBLY with the
# container's arguments. A silo must advertise an address the other containers reach it at; unless
# Orleans__AdvertisedIPAddress is set, it advertises this container's own IPv4 address on its network
# (Docker maps the container's host name to it). Other hosts ignore the setting.
set -eu

if [ -z "${Orleans__AdvertisedIPAddress:-}" ]; then
  own_address="$(hostname -i 2>/dev/null | tr ' ' '\n' | grep -E '^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$' | grep -v '^127\.' | head -n 1 || true)"
  if [ -n "$own_address" ]; then
    Orleans__AdvertisedIPAddress="$own_address"
    export Orleans__AdvertisedIPAddress
  fi
fi

exec dotnet "$HOST_ASSEMBLY" "$@"
