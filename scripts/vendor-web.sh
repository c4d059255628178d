#!/usr/bin/env bash
# Regenerates the report page's scripts committed under src/main/resources/org/posetta/report/:
# three.js (MIT) with OrbitControls and BVHLoader bundled by esbuild into one IIFE that defines the global THREE
# (BVHLoader and AnimationMixer serve the test that plays posetta's BVH files in the browser),
# and uPlot (MIT) as shipped. A page opened from file:// cannot import ES modules from sibling
# files, so everything is inlined into report.html as classic scripts.
# Needs npm and network access; the Maven build itself never runs this.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$here/src/main/resources/org/posetta/report"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --silent --no-audit --no-fund three@0.187.0 uplot@1.6.32 esbuild@0.28.2 >/dev/null
cat > entry.js <<'JS'
export { Scene, PerspectiveCamera, WebGLRenderer, Color, BufferGeometry, BufferAttribute, Float32BufferAttribute,
  LineSegments, LineBasicMaterial, Points, PointsMaterial, GridHelper, AxesHelper, Group, Vector3,
  Mesh, SphereGeometry, MeshBasicMaterial, AnimationMixer } from "three";
export { OrbitControls } from "three/examples/jsm/controls/OrbitControls.js";
export { BVHLoader } from "three/examples/jsm/loaders/BVHLoader.js";
JS
npx esbuild entry.js --bundle --format=iife --global-name=THREE --minify --outfile=three.iife.min.js --log-level=warning
mkdir -p "$dest"
install -m 0644 three.iife.min.js "$dest/three.iife.min.js"
install -m 0644 node_modules/uplot/dist/uPlot.iife.min.js "$dest/uPlot.iife.min.js"
install -m 0644 node_modules/uplot/dist/uPlot.min.css "$dest/uPlot.min.css"
{
  echo "three.iife.min.js bundles three@0.187.0 (core, examples/jsm/controls/OrbitControls.js and"
  echo "examples/jsm/loaders/BVHLoader.js) with esbuild@0.28.2;"
  echo "uPlot.iife.min.js and uPlot.min.css are uplot@1.6.32 as shipped. Regenerate them with scripts/vendor-web.sh."
  echo
  echo "== three.js =="; cat node_modules/three/LICENSE; echo
  echo "== uPlot =="; cat node_modules/uplot/LICENSE
} > "$dest/WEB-LICENSES.txt"
echo "wrote $dest"
