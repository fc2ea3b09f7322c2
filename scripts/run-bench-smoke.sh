#!/usr/bin/env bash
# Runs the benches' smoke modes after the tests and prints their figures. Fails only if a bench crashes (a non-zero
# exit); the figures themselves are for reading (bench/README.md). Runs inside test.sh's network namespace: every
# request goes to loopback.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
echo "bench smoke: Abuse.Bench"
if ! dotnet bench/Abuse.Bench/bin/Release/net10.0/DaoVien.OnlineReception.Abuse.Bench.dll --smoke; then
  echo "bench smoke: Abuse.Bench crashed" >&2
  status=1
fi
exit $status
