#!/usr/bin/env bash
# Fetches what the end-to-end tests inject into pages (axe-core, pinned by tests/EndToEnd/axe/package-lock.json).
set -euo pipefail
cd "$(dirname "$0")/../tests/EndToEnd/axe"
if [[ ! -f node_modules/axe-core/axe.min.js ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
