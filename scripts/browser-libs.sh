#!/usr/bin/env bash
# Fetches the browser libraries with npm (versions pinned by src/Web/package-lock.json) and copies the files the
# pages load into src/Web/wwwroot/lib (git-ignored). run.sh and test.sh call it before building.
set -euo pipefail
cd "$(dirname "$0")/../src/Web"

if [[ ! -f node_modules/@microsoft/signalr/dist/browser/signalr.min.js ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

mkdir -p wwwroot/lib/signalr
cp node_modules/@microsoft/signalr/dist/browser/signalr.min.js wwwroot/lib/signalr/signalr.min.js
