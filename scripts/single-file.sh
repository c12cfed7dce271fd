#!/usr/bin/env bash
# The single self-contained page dist-single/nianbao.html: the compat (Wasm Core 1.0) build with its
# wasm (base64) and wasm-bindgen glue inlined, www/style.css inlined, async init from bytes. Works
# when opened by double-click from file://, with no server and no network (see README.md, "Offline, old browsers and CSP").
#   bash scripts/single-file.sh              # compat build + static checks (scripts/compat.sh), then bundle
#   bash scripts/single-file.sh --no-build   # bundle the existing target/compat/pkg only
# Checks: every inline script of the result parses as ES2017 (scripts/js-syntax.mjs, acorn).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
if [ "${1:-}" != --no-build ]; then
  bash "$ROOT/scripts/compat.sh"
fi
pkg=$ROOT/target/compat/pkg
[ -f "$pkg/nianbao_web_bg.wasm" ] || { echo "single-file: no $pkg (run scripts/compat.sh)"; exit 1; }
out=$ROOT/dist-single/nianbao.html
tmp=$(mktemp "$ROOT/target/compat/single.XXXXXX.html")
trap 'rm -f "$tmp"' EXIT
node "$ROOT/scripts/single-file.mjs" "$pkg" "$tmp"
node "$ROOT/scripts/js-syntax.mjs" "$tmp"
mkdir -p "$ROOT/dist-single"
mv "$tmp" "$out"
printf 'single-file: %s %d bytes (gzip -9 %d)\n' "$out" "$(wc -c < "$out")" "$(gzip -9 -c "$out" | wc -c)"
