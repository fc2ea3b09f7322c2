#!/usr/bin/env bash
# Installs the Debian packages the app and its tests need, only those missing, never upgrading what is there.
# Usage: scripts/ensure-packages.sh [--test]
set -euo pipefail

packages=(postgresql-15 janus janus-tools coturn ffmpeg fonts-dejavu-core)
# npm fetches the SignalR browser client (scripts/browser-libs.sh). A machine may already have Node.js from another
# source whose package conflicts with Debian's npm: only ask apt when npm is not on the PATH at all.
if ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi
if [[ "${1:-}" == "--test" ]]; then
  # nftables: the TURN tests block UDP to the TURN server inside the test namespace.
  packages+=(chromium iproute2 procps nftables)
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
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-upgrade "${missing[@]}"
fi
