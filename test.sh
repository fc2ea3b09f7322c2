#!/usr/bin/env bash
# Installs what the tests need, builds, runs every test (unit, integration, end-to-end) inside a private network
# namespace (no traffic can leave the machine; Janus gets a veth address for ICE), and prints
# "N passed, N failed, N skipped" counted from the test results. Extra arguments go to 'dotnet test'
# (e.g. ./test.sh --filter "FullyQualifiedName~Scheduling").
set -euo pipefail
cd "$(dirname "$0")"

scripts/ensure-packages.sh --test
scripts/browser-libs.sh
scripts/test-libs.sh
dotnet restore --nologo -v q
dotnet build --nologo -v q -c Release --no-restore

results="$PWD/TestResults"
rm -rf "$results"
mkdir -p "$results"

# The namespace: loopback plus a veth pair whose address Janus can offer as an ICE candidate (it skips loopback).
netns_setup='ip link set lo up
ip link add rtc0 type veth peer name rtc1
ip addr add 10.213.0.1/24 dev rtc0
ip link set rtc1 up
ip link set rtc0 up'

sudo=()
if [[ $(id -u) -ne 0 ]]; then sudo=(sudo --preserve-env); fi

set +e
"${sudo[@]}" unshare -n bash -c "$netns_setup"'
exec scripts/run-test-lanes.sh "$@"' bash "$results" "$@"
status=$?
set -e

passed=0; failed=0; skipped=0; files=0
for trx in "$results"/*.trx; do
  [[ -f "$trx" ]] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  total=$(get total); executed=$(get executed); p=$(get passed); f=$(get failed); e=$(get error); t=$(get timeout); a=$(get aborted)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
  skipped=$((skipped + ${total:-0} - ${executed:-0}))
done

# Name the failed tests above the summary, so a CI log's tail says what broke.
for trx in "$results"/*.trx; do
  [[ -f "$trx" ]] || continue
  # Each failed result's name, then the first lines of its message, so the cause is in the log too.
  awk '
    /<UnitTestResult / { name = ""; failed = 0
      if (match($0, /outcome="(Failed|Error|Timeout|Aborted)"/) && match($0, /testName="[^"]*"/)) {
        name = substr($0, RSTART + 10, RLENGTH - 11); failed = 1; print "FAILED: " name } }
    failed && /<Message>/ { inmsg = 1; shown = 0; sub(/.*<Message>/, "") }
    failed && inmsg { done = sub(/<\/Message>.*/, ""); gsub(/&lt;/, "<"); gsub(/&gt;/, ">"); gsub(/&quot;/, "\""); gsub(/&amp;/, "\\&"); if (shown < 8) print "    " $0; shown++; if (done) { inmsg = 0; failed = 0 } }
  ' "$trx" || true
done

if ((files == 0)) && ((status != 0)); then
  failed=$((failed + 1))
fi
if ((status != 0)) && ((failed == 0)); then
  # dotnet test failed without a failing test result (a crashed or hung test host): count it.
  failed=1
fi

echo "$passed passed, $failed failed, $skipped skipped"
if ((failed > 0)); then exit 1; fi
exit 0
