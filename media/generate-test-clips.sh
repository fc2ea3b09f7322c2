#!/usr/bin/env bash
# Generates the fake camera/microphone clips the recording tests feed to Chromium
# (--use-file-for-fake-video-capture / --use-file-for-fake-audio-capture).
# Video: a running clock (wall-clock seconds since the clip started, plus a frame counter) so a composite
# can be checked by eye for alignment; audio: a beep every second. Generated at test time, never committed.
#
# usage: media/generate-test-clips.sh OUTDIR [SECONDS] [LABEL] [BEEP_HZ]
set -euo pipefail
out=${1:?output folder}
seconds=${2:-10}
label=${3:-A}
hz=${4:-880}
mkdir -p "$out"
# 320x240 at 15 fps keeps the y4m small (Chromium loops the file, so a short clip is enough).
ffmpeg -hide_banner -loglevel error -nostdin -y \
  -f lavfi -i "testsrc2=size=320x240:rate=15:duration=${seconds}" \
  -vf "drawtext=text='${label} %{pts\\:hms}':x=10:y=10:fontsize=28:fontcolor=white:box=1:boxcolor=black@0.6" \
  -pix_fmt yuv420p "$out/clip-${label}.y4m"
# A 0.2 s beep each second, silence in between, 48 kHz mono 16-bit (what Chromium's fake capture expects).
ffmpeg -hide_banner -loglevel error -nostdin -y \
  -f lavfi -i "sine=frequency=${hz}:sample_rate=48000:duration=${seconds}" \
  -af "volume='if(lt(mod(t,1),0.2),1,0)':eval=frame" \
  -ac 1 -ar 48000 -c:a pcm_s16le "$out/clip-${label}.wav"
