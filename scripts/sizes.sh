#!/usr/bin/env bash
# Size report of a build (dist/ from Trunk + scripts/post-build.mjs): raw and gzip -9 bytes of what a
# browser downloads to run the page, per build the loader picks:
#   modern: nianbao.js + the modern boot module, glue and wasm + the stylesheet (the page target:
#           <= 150 KB gzip);
#   compat: the same with the compat (Wasm Core 1.0) build, for Chromium 78-95;
# then the wasm-as-script fallbacks (only under `connect-src 'none'`) and the single offline file
# dist-single/nianbao.html. A report, never an assertion: it always exits 0 when dist/ exists.
#   bash scripts/sizes.sh [DIST_DIR]
set -euo pipefail
dist=${1:-$(cd "$(dirname "$0")/.." && pwd)/dist}
root=$(cd "$(dirname "$0")/.." && pwd)
[ -d "$dist" ] || { echo "sizes: no $dist (build first: scripts/build.sh)"; exit 1; }
shopt -s nullglob
gz() { gzip -9 -c "$1" | wc -c; }
row() { printf '%-8s %10d %10d  %s\n' "$1" "$(wc -c < "$2")" "$(gz "$2")" "$(basename "$2")"; }
path_total() {
  local name=$1; shift
  local raw=0 zipped=0 f
  for f in "$@"; do
    row "$name" "$f"
    raw=$((raw + $(wc -c < "$f"))); zipped=$((zipped + $(gz "$f")))
  done
  printf '%-8s %10d %10d  %s\n' "= $name" "$raw" "$zipped" "(what a browser on the $name build downloads; index.html not counted)"
  echo
}
printf '%-8s %10s %10s  %s\n' build bytes gzip file
css=("$dist"/style-*.css)
path_total modern "$dist/nianbao.js" "$dist"/nianbao-boot-modern-*.js "$dist"/nianbao-app-*[0-9a-f].js \
  "$dist"/nianbao-app-*_bg.wasm "${css[@]}"
compat=("$dist"/nianbao-compat-*_bg.wasm)
if [ "${#compat[@]}" -gt 0 ]; then
  path_total compat "$dist/nianbao.js" "$dist"/nianbao-boot-compat-*.js "$dist"/nianbao-compat-*[0-9a-f].js \
    "${compat[@]}" "${css[@]}"
else
  echo "compat: not in $dist (scripts/compat.sh before Trunk)"
fi
for f in "$dist"/*_bg.wasm.js; do row fallback "$f"; done
[ -f "$root/dist-single/nianbao.html" ] && row single "$root/dist-single/nianbao.html"
exit 0
