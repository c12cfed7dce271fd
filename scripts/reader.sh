#!/usr/bin/env bash
# The reader module, modern build: the nianbao-reader cdylib (the .docx and PDF readers, which the
# page's first-load module leaves out; the loader www/nianbao.js fetches it only when such a file
# arrives), built like Trunk builds the page's module: the size profile wasm-release, wasm-bindgen
# --target web, wasm-opt -Oz (binaryen 132 from npm, features from the module's target_features).
# Output: target/reader/pkg/nianbao_reader.js + nianbao_reader_bg.wasm, which scripts/post-build.mjs
# copies into dist/ as nianbao-reader-<hash>.* (the compat reader is built by scripts/compat.sh).
# A stamp skips wasm-opt when wasm-bindgen's output is unchanged. Cold: ~60 s; warm: ~2 s.
#   bash scripts/reader.sh
set -euo pipefail
. "$(dirname "$0")/lib.sh"

out=$ROOT/target/reader
pkg=$out/pkg
lib=nianbao_reader
# std rebuilt for size, into target/ship/ (ship_env in scripts/lib.sh), as Trunk builds the page's module
ship_env
wcargo build --profile wasm-release --locked --offline --target "$WASM_TARGET" -p nianbao-reader --lib
raw=$ROOT/target/ship/$WASM_TARGET/wasm-release/$lib.wasm
mkdir -p "$pkg"
staging=$(mktemp -d "$out/bindgen.XXXXXX")
trap 'rm -rf "$staging"' EXIT
wasm-bindgen --target web --no-typescript --out-dir "$staging" "$raw"
want=$(cat "$staging/${lib}_bg.wasm" "$staging/$lib.js" | sha256sum | cut -d' ' -f1)
if [ -f "$pkg/.stamp" ] && [ "$(cat "$pkg/.stamp")" = "$want" ] && [ -f "$pkg/${lib}_bg.wasm" ]; then
  echo "reader: wasm-bindgen output unchanged; reusing the wasm-opt result"
else
  wasm-opt -Oz "$staging/${lib}_bg.wasm" -o "$staging/opt.wasm"
  mv "$staging/opt.wasm" "$pkg/${lib}_bg.wasm"
  cp "$staging/$lib.js" "$pkg/$lib.js"
  echo "$want" > "$pkg/.stamp"
fi
printf 'reader: %s %d bytes (gzip -9 %d), glue %d bytes\n' "$pkg/${lib}_bg.wasm" \
  "$(wc -c < "$pkg/${lib}_bg.wasm")" "$(gzip -9 -c "$pkg/${lib}_bg.wasm" | wc -c)" "$(wc -c < "$pkg/$lib.js")"
