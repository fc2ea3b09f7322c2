#!/usr/bin/env bash
# Installs the Debian packages the app and its tests need, only those missing, never upgrading what is there.
# Usage: scripts/ensure-packages.sh [--test]
set -euo pipefail

packages=(postgresql-15 janus janus-tools ffmpeg fonts-dejavu-core)
# npm fetches the SignalR browser client (scripts/browser-libs.sh). A machine may already have Node.js from another
# source whose package conflicts with Debian's npm: only ask apt when npm is not on the PATH at all.
if ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi
if [[ "${1:-}" == "--test" ]]; then
  packages+=(chromium iproute2 procps nginx)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
  echo "Installing missing packages: ${missing[*]}"
  "${sudo[@]}" apt-get update -q
  # Packages such as nginx start their system service on install; the app and the tests run their own instances
  # (and on a machine without systemd nobody would stop that one). Debian's policy-rc.d hook says "don't start".
  policy=/usr/sbin/policy-rc.d
  own_policy=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
    "${sudo[@]}" chmod 755 "$policy"
    own_policy=1
  fi
  status=0
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-upgrade -o DPkg::Lock::Timeout=600 "${missing[@]}" || status=$?
  if ((own_policy)); then "${sudo[@]}" rm -f "$policy"; fi
  exit $status
fi
