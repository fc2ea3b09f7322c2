#!/usr/bin/env bash
# Runs the built test projects in two lanes, inside the network namespace test.sh creates. On a 2-core machine,
# letting 'dotnet test' start every assembly at once put Chromium, Janus and ffmpeg-heavy tests on top of each other
# and browser steps timed out under load; two lanes keep the machine busy without that pile-up:
#   media lane: the tests that drive Chromium, Janus or ffmpeg, one assembly at a time;
#   logic lane: every other test project, one at a time, beside it.
# After both lanes, every benchmark's smoke mode (scripts/run-bench-smoke.sh, whatever the test filter), in the same
# namespace, after the tests rather than beside them so its figures are not taken under our own load; it adds BenchSmoke.trx to the results.
# Usage: run-test-lanes.sh RESULTS_DIR [dotnet test arguments...]. Exit status non-zero if any assembly or bench failed.
set -uo pipefail
cd "$(dirname "$0")/.."
results="$1"; shift

media=(tests/Realtime.Tests/Realtime.Tests.csproj tests/Recordings.Tests/Recordings.Tests.csproj tests/EndToEnd/EndToEnd.csproj)
logic=()
for project in tests/*/*.csproj; do
  case "$project" in
    tests/Testing/*) ;;
    tests/Realtime.Tests/* | tests/Recordings.Tests/* | tests/EndToEnd/*) ;;
    *) logic+=("$project") ;;
  esac
done

run_lane() {
  local status=0
  for project in "$@"; do
    dotnet test "$project" --nologo --no-restore --no-build -c Release \
      --results-directory "$results" --logger "trx;LogFileName=$(basename "$project" .csproj).trx" --logger "console;verbosity=minimal" \
      --blame-hang-timeout 10m "${extra[@]}" || status=1
  done
  return $status
}

extra=("$@")
run_lane "${media[@]}" &
media_pid=$!
run_lane "${logic[@]}"
logic_status=$?
wait "$media_pid"
media_status=$?
bench_status=0
if [[ "${BENCH_SMOKE:-1}" != 0 ]]; then
  scripts/run-bench-smoke.sh "$results"
  bench_status=$?
fi
((logic_status == 0 && media_status == 0 && bench_status == 0))
