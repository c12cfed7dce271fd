#!/usr/bin/env bash
# Release build of the page into dist/: first the compat build (scripts/compat.sh: Wasm Core 1.0
# for Chromium 78-95, with its static checks; the page's module, the reader module and the
# full-check module) and the modern reader and full-check modules (scripts/reader.sh [full]), then Trunk (wasm-opt -Oz) whose post_build hook
# (scripts/post-build.mjs) adds the compat build, the loader nianbao.js and sw.js to dist/; then
# the single offline file dist-single/nianbao.html. Assumes scripts/setup.sh ran.
#   bash scripts/build.sh            # skips Trunk when dist/ is already built from the same inputs
#   bash scripts/build.sh --force    # always runs Trunk (test.sh runs `scripts/trunk build --release`)
# Trunk reruns wasm-bindgen and the (JavaScript, slow) wasm-opt even when nothing changed, so a
# stamp of the inputs (the cargo-built wasm, www/, Trunk.toml, lockfiles) lets a second
# `scripts/serve.sh` start in a second or two.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
stamp=$ROOT/dist/.nianbao-build-stamp
inputs_hash() {
  # the same cargo build Trunk runs (the size profile wasm-release, as www/index.html selects);
  # a no-op when the wasm is fresh
  (ship_env && wcargo build --quiet --profile wasm-release --offline --target "$WASM_TARGET" -p nianbao-web --bin nianbao-app)
  cat "$ROOT/target/ship/$WASM_TARGET/wasm-release/nianbao-app.wasm" "$ROOT"/www/* "$ROOT/Trunk.toml" \
    "$ROOT/Cargo.lock" "$ROOT/package-lock.json" "$ROOT/scripts/post-build.mjs" "$ROOT/scripts/loader.mjs" \
    "$ROOT/target/compat/pkg/.stamp" "$ROOT/target/reader/pkg/.stamp" "$ROOT/target/full/pkg/.stamp" | sha256sum | cut -d' ' -f1
}
# the compat build is cached in target/compat (a warm run: a few seconds)
bash "$ROOT/scripts/compat.sh"
bash "$ROOT/scripts/reader.sh"
bash "$ROOT/scripts/reader.sh" full
if [ "${1:-}" != --force ] && [ -f "$stamp" ] && [ -f "$ROOT/dist/index.html" ]; then
  want=$(inputs_hash)
  if [ "$(cat "$stamp")" = "$want" ]; then
    echo "build: dist/ is up to date (inputs unchanged); use --force to rebuild"
    fresh=1
  fi
fi
if [ -z "${fresh:-}" ]; then
  "$ROOT/scripts/trunk" build --release
  inputs_hash > "$stamp"
fi
bash "$ROOT/scripts/single-file.sh" --no-build
