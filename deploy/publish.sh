#!/usr/bin/env bash
# Builds the production bundle: a self-contained linux-x64 build (no .NET runtime needed on the server) with the
# browser libraries, the deployment files and the docs, in artifacts/daovien-reception (or the folder given).
# Usage: deploy/publish.sh [OUTPUT_FOLDER]     then copy the folder to /opt/daovien-reception (docs/deploy.md).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-artifacts/daovien-reception}")

scripts/browser-libs.sh
rm -rf "$out"
dotnet publish src/Web -c Release -r linux-x64 --self-contained true -p:UseAppHost=true --nologo -v q -o "$out"
mkdir -p "$out/deploy" "$out/docs"
cp deploy/daovien-reception.service deploy/backup.sh deploy/restore.sh "$out/deploy/"
cp -r deploy/nginx "$out/deploy/"
cp -r docs/. "$out/docs/"
echo "Published to $out"
