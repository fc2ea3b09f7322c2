#!/usr/bin/env bash
# Regenerates the README's pictures of the main screens into docs/screenshots/ (JPEG, phone 390 px and desktop):
# runs the end-to-end tests that open those screens with real data — the accessibility sweep over every page and the
# call on a phone — with SCREENSHOTS_DIR set, inside the same private network namespace as ./test.sh.
# Usage: scripts/screenshots.sh (after ./test.sh has installed and built once, or it builds here).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/ensure-packages.sh --test
scripts/browser-libs.sh
scripts/test-libs.sh
dotnet build --nologo -v q -c Release tests/EndToEnd/EndToEnd.csproj

out="$PWD/docs/screenshots"
mkdir -p "$out"
rm -f "$out"/*.jpg

sudo=()
if [[ $(id -u) -ne 0 ]]; then sudo=(sudo --preserve-env); fi
SCREENSHOTS_DIR="$out" "${sudo[@]}" unshare -n bash -c 'ip link set lo up
ip link add rtc0 type veth peer name rtc1
ip addr add 10.213.0.1/24 dev rtc0
ip link set rtc1 up
ip link set rtc0 up
exec dotnet test tests/EndToEnd/EndToEnd.csproj --nologo --no-build -c Release --logger "console;verbosity=minimal" \
  --filter "FullyQualifiedName~AccessibilityTests.EveryPage|FullyQualifiedName~PhoneCallPageTests"'

ls -1 "$out"
echo "$(find "$out" -name '*.jpg' | wc -l) screenshots in docs/screenshots"
