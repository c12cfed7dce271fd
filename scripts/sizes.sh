#!/usr/bin/env bash
# Size report of a Trunk build: raw and gzip -9 bytes of the wasm, JS and CSS in dist/ and
# their total; then, when built, the compat wasm (target/compat/pkg) and the single offline file
# dist-single/nianbao.html. A report, never an assertion: it always exits 0 when dist/ exists.
#   bash scripts/sizes.sh [DIST_DIR]
set -euo pipefail
dist=${1:-$(cd "$(dirname "$0")/.." && pwd)/dist}
[ -d "$dist" ] || { echo "sizes: no $dist (build first: scripts/trunk build --release)"; exit 1; }
shopt -s nullglob
total_raw=0; total_gz=0
printf '%-6s %10s %10s  %s\n' kind bytes gzip file
for kind in wasm js css; do
  for f in "$dist"/*."$kind"; do
    raw=$(wc -c < "$f")
    gz=$(gzip -9 -c "$f" | wc -c)
    total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
    printf '%-6s %10d %10d  %s\n' "$kind" "$raw" "$gz" "$(basename "$f")"
  done
done
printf '%-6s %10d %10d  %s\n' total "$total_raw" "$total_gz" "(wasm + js + css; index.html not counted)"
root=$(cd "$(dirname "$0")/.." && pwd)
extra=("$root/target/compat/pkg/nianbao_web_bg.wasm" "$root/dist-single/nianbao.html")
for f in "${extra[@]}"; do
  [ -f "$f" ] || continue
  case $f in *.wasm) kind=compat;; *) kind=single;; esac
  printf '%-6s %10d %10d  %s\n' "$kind" "$(wc -c < "$f")" "$(gzip -9 -c "$f" | wc -c)" "${f#"$root"/}"
done
