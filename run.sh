#!/usr/bin/env bash
# Runs the app on its embedded defaults: its own PostgreSQL cluster (and Janus) under ./.data, on
# http://127.0.0.1:5080. Extra arguments pass through: ./run.sh --urls http://127.0.0.1:5099 --data-dir /srv/daovien
set -euo pipefail
cd "$(dirname "$0")"

scripts/ensure-packages.sh
scripts/browser-libs.sh
dotnet restore --nologo -v q
dotnet build src/Web --nologo -v q -c Release --no-restore

exec dotnet src/Web/bin/Release/net10.0/DaoVien.OnlineReception.Web.dll --contentRoot "$PWD/src/Web" "$@"
