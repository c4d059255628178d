#!/usr/bin/env bash
# Measures the figures of bench/results/outputs.md: the BVH round-trip errors (posetta's reader and
# three.js's BVHLoader in headless Chromium) and the wall time of a batch of ten short videos with
# `run DIR` against ten `run VIDEO` one after the other. Needs the data folder, ffmpeg, chromium and
# a built target/posetta.jar (mvn -q -DskipTests package). Takes a few minutes on two cores.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
data="${POSETTA_DATA:-$here/../shared/data}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
out=bench/results/outputs.md

# 1. round trips: the tests print their measurements
mvn -o -q test -Dtest='BvhWriterTest,BvhThreeJsTest' -Dposetta.data="$data" > "$work/tests.log" 2>&1 \
  || { cat "$work/tests.log"; exit 1; }
grep -E '^(BVH round trip|three.js BVHLoader)' "$work/tests.log" > "$work/bvh.txt"

# 2. ten clips of 30 frames from street_walk.avi, starting 0.5 s apart
mkdir -p "$work/clips"
for i in $(seq 0 9); do
  ffmpeg -v error -ss "$(printf "%d.%d" $((i / 2)) $((i % 2 * 5)))" -i "$data/video/street_walk.avi" -frames:v 30 -c copy \
    "$work/clips/clip$i.avi"
done
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
t0=$(date +%s.%N)
for i in $(seq 0 9); do
  bin/posetta run "$work/clips/clip$i.avi" -o "$work/one/clip$i" --no-video > /dev/null 2>&1
done
t1=$(date +%s.%N)
bin/posetta run "$work/clips" -o "$work/batch" --no-video > "$work/batch.txt" 2> /dev/null || true
t2=$(date +%s.%N)
bin/posetta run "$work/clips" -o "$work/batch" --no-video > "$work/resume.txt" 2> /dev/null || true
t3=$(date +%s.%N)
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
one=$(echo "$t1 - $t0" | bc)
batch=$(echo "$t2 - $t1" | bc)
resume=$(echo "$t3 - $t2" | bc)

{
  echo "# Outputs: BVH round trips and batch runs"
  echo
  echo "Produced by \`scripts/bench-outputs.sh\` at commit $(git rev-parse --short HEAD) on $(date -u '+%Y-%m-%d %H:%M UTC'),"
  echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), shared with other work:"
  echo "load average $load_before before the batch timings and $load_after after."
  echo
  echo "## BVH round trips"
  echo
  echo "Default mode: the file's skeleton has each bone's median length, so the read-back is compared"
  echo "with the input whose bones are scaled to those medians (directions and pelvis kept);"
  echo "\`--exact\` adds per-joint translations and is compared with the input itself. Errors are the"
  echo "largest over every frame and joint. three.js: the report's bundled \`BVHLoader\` parses the"
  echo "file in headless Chromium and an \`AnimationMixer\` plays it; its joint world positions are"
  echo "compared with posetta's forward kinematics of the same file (default mode)."
  echo
  echo '```'
  cat "$work/bvh.txt"
  echo '```'
  echo
  echo "## Batch of ten videos"
  echo
  echo "Ten 30-frame clips (1 s each, 512x288) cut from \`street_walk.avi\`, each run to 2D, 3D,"
  echo "adapted 3D, files and report (\`--no-video\`). One by one: ten \`bin/posetta run CLIP -o DIR\`"
  echo "in a row (BlazePose on 2 threads each). Batch: \`bin/posetta run DIR -o OUT\` with the"
  echo "default \`--jobs\` ($(nproc), one BlazePose thread each). PyTorch threads: 1 (not used by \`run\`)."
  echo
  echo "| how | wall time (s) |"
  echo "|---|---|"
  printf '| one by one | %.1f |\n' "$one"
  printf '| batch, --jobs default (%s) | %.1f |\n' "$(nproc)" "$batch"
  printf '| batch again (every item finished: skipped) | %.1f |\n' "$resume"
  echo
  echo "The batch's table:"
  echo
  echo '```'
  cat "$work/batch.txt"
  echo '```'
} > "$out"
echo "wrote $out"
