#!/usr/bin/env bash
# Runs every benchmark in its smoke mode (--smoke: tiny sizes, same code path, seconds each) and prints its figures,
# so a benchmark that stops running fails the build instead of rotting until someone needs it. Nothing is asserted
# on speed: a bench fails only by crashing, by a wrong functional result (its own check exits non-zero) or by
# running past its time limit. test.sh calls it through run-test-lanes.sh, after the tests, inside the same network
# namespace (the Janus/WebRTC benches need rtc0); on its own: bench/run-in-netns.sh scripts/run-bench-smoke.sh
# Usage: run-bench-smoke.sh [RESULTS_DIR]. With RESULTS_DIR it writes BenchSmoke.trx there (one result per bench)
# for test.sh's "N passed, N failed" count. Exit status non-zero if any bench failed. Expects a Release build.
set -uo pipefail
cd "$(dirname "$0")/.."
results="${1:-}"

# The benchmarks, one line each: the project folder under bench/ and its arguments before --smoke.
benches=(
  "Scheduling.Bench"
  "Cases.Bench"
  "Realtime.Bench lobby"
  "Realtime.Bench join"
  "Realtime.Bench disturb"
  "Recording.Bench"
  "Abuse.Bench"
)
limit_seconds=90 # per bench; each takes 2-30 s on the shared 2-core machine

passed=0; failed=0; rows=""
started_all=$SECONDS
for entry in "${benches[@]}"; do
  read -r project arguments <<<"$entry"
  name="$project${arguments:+ $arguments}"
  dll="bench/$project/bin/Release/net10.0/DaoVien.OnlineReception.$project.dll"
  echo "== bench smoke: $name"
  started=$SECONDS
  if [[ ! -f "$dll" ]]; then
    echo "   $dll is missing (build in Release first)"
    status=127
  else
    # shellcheck disable=SC2086 # the arguments are words on purpose
    timeout --kill-after=10 "$limit_seconds" dotnet "$dll" $arguments --smoke 2>&1 | sed 's/^/   /'
    status=${PIPESTATUS[0]}
  fi
  elapsed=$((SECONDS - started))
  if ((status == 0)); then
    outcome=Passed; passed=$((passed + 1))
    echo "-- $name: ok (${elapsed} s)"
  else
    outcome=Failed; failed=$((failed + 1))
    if ((status == 124 || status == 137)); then reason="timed out after ${limit_seconds} s"; else reason="exit status $status"; fi
    echo "-- $name: FAILED, $reason (${elapsed} s)"
  fi
  rows+="    <UnitTestResult testName=\"bench smoke: $name\" outcome=\"$outcome\" duration=\"$(printf '%02d:%02d:%02d' $((elapsed / 3600)) $((elapsed / 60 % 60)) $((elapsed % 60)))\" />
"
done
echo "bench smoke: $passed passed, $failed failed in $((SECONDS - started_all)) s"

if [[ -n "$results" ]]; then
  mkdir -p "$results"
  total=$((passed + failed))
  run_outcome=Completed; ((failed == 0)) || run_outcome=Failed
  # Only what test.sh reads (the Counters element), plus one row per bench for a reader of the file.
  cat >"$results/BenchSmoke.trx" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<TestRun name="bench smoke" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
  <Results>
$rows  </Results>
  <ResultSummary outcome="$run_outcome">
    <Counters total="$total" executed="$total" passed="$passed" failed="$failed" error="0" timeout="0" aborted="0" />
  </ResultSummary>
</TestRun>
EOF
fi
((failed == 0))
