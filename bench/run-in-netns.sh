#!/usr/bin/env bash
# Runs a command inside a private network namespace like test.sh does: loopback plus a veth pair whose address
# (rtc0, 10.213.0.1/24) Janus and Chromium use for ICE. No traffic can leave the machine. Needs root (or sudo).
# Example: bench/run-in-netns.sh dotnet bench/Realtime.Bench/bin/Release/net10.0/DaoVien.OnlineReception.Realtime.Bench.dll join 20
set -euo pipefail
sudo=()
if [[ $(id -u) -ne 0 ]]; then sudo=(sudo --preserve-env); fi
exec "${sudo[@]}" unshare -n bash -c 'ip link set lo up
ip link add rtc0 type veth peer name rtc1
ip addr add 10.213.0.1/24 dev rtc0
ip link set rtc1 up
ip link set rtc0 up
exec "$@"' bash "$@"
