#!/usr/bin/env bash
# Regenerates the BlazePose models committed under src/main/resources/org/posetta/video/ from the
# npm package @mediapipe/pose (Apache-2.0): the full landmark model as shipped, and the person
# detector cut out of pose_solution_packed_assets.data at the byte range its loader script names.
# Needs npm and network access; the Maven build itself never runs this.
set -euo pipefail
version=0.5.1675469404
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$here/src/main/resources/org/posetta/video"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "@mediapipe/pose@$version" >/dev/null
tar xzf mediapipe-pose-$version.tgz
chmod -R u+rwX,go+rX package   # some entries ship without read permission for others

loader=package/pose_solution_packed_assets_loader.js
range=$(grep -o '"filename": "[^"]*pose_detection\.tflite", "start": [0-9]*, "end": [0-9]*' "$loader")
start=$(sed -E 's/.*"start": ([0-9]+).*/\1/' <<<"$range")
end=$(sed -E 's/.*"end": ([0-9]+).*/\1/' <<<"$range")
[[ -n "$start" && -n "$end" ]] || { echo "no pose_detection.tflite entry in $loader" >&2; exit 1; }
tail -c +$((start + 1)) package/pose_solution_packed_assets.data | head -c $((end - start)) > pose_detection.tflite
cp package/pose_landmark_full.tflite pose_landmark_full.tflite

for model in pose_detection.tflite pose_landmark_full.tflite; do
  [[ "$(dd if=$model bs=1 skip=4 count=4 status=none)" == TFL3 ]] || { echo "$model is not a TFLite model" >&2; exit 1; }
done
[[ $(stat -c %s pose_detection.tflite) -eq $((end - start)) ]] || { echo "detector length differs from its range" >&2; exit 1; }
echo "a63c614bef30d35947f13be361820b1e4e3bec9cfeebf4d11216a18373108e85  pose_detection.tflite
e9a5c5cb17f736fafd4c2ec1da3b3d331d6edbe8a0d32395855aeb2cdfd64b9f  pose_landmark_full.tflite" | sha256sum -c --quiet

mkdir -p "$dest"
install -m 0644 pose_detection.tflite pose_landmark_full.tflite "$dest/"
{
  echo "pose_detection.tflite and pose_landmark_full.tflite come from the npm package"
  echo "@mediapipe/pose@$version (MediaPipe, Copyright Google LLC), licensed under the Apache License 2.0;"
  echo "pose_detection.tflite is bytes [$start, $end) of its pose_solution_packed_assets.data."
  echo "They are unmodified. Regenerate them with scripts/vendor-blazepose.sh."
  echo
  cat /usr/share/common-licenses/Apache-2.0
} > "$dest/BLAZEPOSE-LICENSE.txt"
echo "wrote $dest"
