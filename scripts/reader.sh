#!/usr/bin/env bash
# The page's modules loaded on demand, modern build, from the nianbao-reader cdylib:
#   bash scripts/reader.sh         the reader module (feature `read`: the .docx and PDF readers, which
#                                  the first-load module leaves out; fetched only when such a file arrives)
#   bash scripts/reader.sh full    the full-check module (feature `full`: the prose checks and the error
#                                  localiser, which the first-load module leaves out; fetched at the first check)
# Built like Trunk builds the page's module: the size profile wasm-release, wasm-bindgen --target web,
# wasm-opt -Oz (binaryen 132 from npm, features from the module's target_features); the full-check
# module in the speed profile wasm-full and wasm-opt -O3 (Cargo.toml says why).
# Output: target/reader/pkg/nianbao_reader.{js,_bg.wasm} or target/full/pkg/nianbao_full.{js,_bg.wasm},
# which scripts/post-build.mjs copies into dist/ as nianbao-{reader,full}-modern-<hash>.* (the compat
# builds are scripts/compat.sh's). A stamp skips wasm-opt when wasm-bindgen's output is unchanged.
# Cold: ~60 s; warm: ~2 s.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

case ${1:-reader} in
  reader) lib=nianbao_reader; features=(--features read); profile=wasm-release; wasm_opt=-Oz;;
  # the full-check module in the speed profile (Cargo.toml's wasm-full says why)
  full) lib=nianbao_full; features=(--no-default-features --features full); profile=wasm-full; wasm_opt=-O3;;
  *) echo "usage: scripts/reader.sh [reader|full]"; exit 2;;
esac
module=${lib#nianbao_}
out=$ROOT/target/$module
pkg=$out/pkg
# std rebuilt for size, into target/ship/ (ship_env in scripts/lib.sh), as Trunk builds the page's module
ship_env
wcargo build --profile "$profile" --locked --offline --target "$WASM_TARGET" -p nianbao-reader --lib "${features[@]}"
raw=$ROOT/target/ship/$WASM_TARGET/$profile/nianbao_reader.wasm
mkdir -p "$pkg"
staging=$(mktemp -d "$out/bindgen.XXXXXX")
trap 'rm -rf "$staging"' EXIT
# named after the module (the one crate builds both): wasm-bindgen names its output after its input
cp "$raw" "$staging/$lib.wasm"
wasm-bindgen --target web --no-typescript --out-dir "$staging/out" "$staging/$lib.wasm"
want=$(cat "$staging/out/${lib}_bg.wasm" "$staging/out/$lib.js" | sha256sum | cut -d' ' -f1)
if [ -f "$pkg/.stamp" ] && [ "$(cat "$pkg/.stamp")" = "$want" ] && [ -f "$pkg/${lib}_bg.wasm" ]; then
  echo "$module: wasm-bindgen output unchanged; reusing the wasm-opt result"
else
  wasm-opt "$wasm_opt" "$staging/out/${lib}_bg.wasm" -o "$staging/opt.wasm"
  mv "$staging/opt.wasm" "$pkg/${lib}_bg.wasm"
  cp "$staging/out/$lib.js" "$pkg/$lib.js"
  echo "$want" > "$pkg/.stamp"
fi
printf '%s: %s %d bytes (gzip -9 %d), glue %d bytes\n' "$module" "$pkg/${lib}_bg.wasm" \
  "$(wc -c < "$pkg/${lib}_bg.wasm")" "$(gzip -9 -c "$pkg/${lib}_bg.wasm" | wc -c)" "$(wc -c < "$pkg/$lib.js")"
