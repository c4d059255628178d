#!/usr/bin/env bash
# Memory soak of `posetta run` on long videos: loops a short clip into an N-minute 30 fps video
# with ffmpeg, runs bin/posetta run on it and on a 1-minute one with the same fixed heap, and
# prints the peak resident memory (VmHWM, from GNU time) of each with the wall time.
#
#   scripts/soak.sh [MINUTES] [CLIP]        (default 20 minutes of street_walk.avi)
#   SOAK_RUNS="2 5" scripts/soak.sh         (only these lengths, in minutes)
#   SOAK_ARGS="--adapters none" scripts/soak.sh   (extra options of posetta run)
#
# Needs ffmpeg, GNU time and a packaged build (mvn -q -DskipTests package). The heap is fixed
# (POSETTA_JAVA_OPTS, default -Xmx1g) so that the figures show what a run needs rather than how
# lazily the collector returns memory; frames are streamed, so the long run must fit the same
# heap and its peak should stay near the short one's. Results: target/soak/soak.tsv, and the
# resident memory every 10 s against the frames done in target/soak/rss-Nmin.tsv.
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-20}
clip=${2:-${POSETTA_DATA:-../shared/data}/video/street_walk.avi}
export POSETTA_JAVA_OPTS=${POSETTA_JAVA_OPTS:--Xmx1g}
work=target/soak
mkdir -p "$work"
for m in ${SOAK_RUNS:-1 $minutes}; do
  video=$work/loop-${m}min.mp4
  if [ ! -f "$video" ]; then
    ffmpeg -v error -y -stream_loop -1 -i "$clip" -t $((m * 60)) -r 30 -an -c:v libx264 -preset veryfast -crf 23 \
      -pix_fmt yuv420p "$video"
  fi
  rm -rf "$work/out-${m}min"
  /usr/bin/time -f '%M %e' -o "$work/time-${m}min.txt" bin/posetta run "$video" -o "$work/out-${m}min" --threads 1 ${SOAK_ARGS:-} \
    > "$work/run-${m}min.log" 2>&1 &
  timer=$!
  printf 'seconds\trss_mib\tframes_done\n' > "$work/rss-${m}min.tsv"
  start=$SECONDS
  while kill -0 "$timer" 2> /dev/null; do
    java=$(pgrep -P "$timer" java || true)
    if [ -n "$java" ] && [ -r "/proc/$java/status" ]; then
      rss=$(awk '/^VmRSS/ {print int($2 / 1024)}' "/proc/$java/status" 2> /dev/null || true)
      done_frames=$( (grep -o 'BlazePose: [0-9]* of' "$work/run-${m}min.log" || true) | tail -1 | grep -o '[0-9]*' || true)
      printf '%s\t%s\t%s\n' "$((SECONDS - start))" "${rss:-}" "${done_frames:-0}" >> "$work/rss-${m}min.tsv"
    fi
    sleep 10
  done
  wait "$timer"
  read -r peak_kb wall < "$work/time-${m}min.txt"
  frames=$(grep -o '"frames" : [0-9]*' "$work/out-${m}min/run.json" | head -1 | grep -o '[0-9]*$')
  printf '%s min\t%s frames\t%s MiB peak RSS\t%s s\t%s\n' "$m" "$frames" "$((peak_kb / 1024))" "$wall" "$POSETTA_JAVA_OPTS ${SOAK_ARGS:-}" \
    | tee -a "$work/soak.tsv"
done
