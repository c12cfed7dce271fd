#!/usr/bin/env bash
# README command 2 (and CI: .ci/run): set up, then every check in order; stops at the first
# failure with a non-zero exit. Each step prints a header and its duration; a summary follows.
#   bash scripts/test.sh
set -euo pipefail
. "$(dirname "$0")/lib.sh"
T0=$(date +%s)
# The last line of the output is the Playwright runner's `e2e: N passed, M failed, S skipped, T todo` (see step_summary).
STEP_SUMMARY_TAIL="$ROOT/target/e2e/summary.txt"
rm -f "$STEP_SUMMARY_TAIL"

# The core's corpus regression test reads real reports from ../shared/corpus/raw beside the
# repository and insists on them when CI is set; a clone elsewhere uses the machine's copy.
if [ -z "${NIANBAO_CORPUS:-}" ] && [ ! -d "$ROOT/../shared/corpus/raw" ] && [ -d /work/shared/corpus/raw ]; then
  export NIANBAO_CORPUS=/work/shared/corpus/raw
fi

# wasm-bindgen-test-runner runs tests without run_in_browser in Chromium when this is set
wcargo_in_browser() ( export WASM_BINDGEN_USE_BROWSER=1; wcargo "$@" )

step "setup" bash "$ROOT/scripts/setup.sh"
ROUTE=$(wasm_route)
echo "wasm route: $ROUTE"

step "cargo fmt --check" cargo fmt --all --check
step "cargo clippy (native)" cargo clippy --workspace --all-targets --locked -- -D warnings
# the core as the page's first-load module builds it (without the prose checks and the localiser)
step "cargo clippy (core, page features)" cargo clippy -p nianbao-core --no-default-features --locked -- -D warnings
step "cargo test (native)" cargo test --workspace --locked
# cargo-fuzz smoke run: every fuzz target of fuzz/ for a few seconds on its seeds (long runs:
# `scripts/fuzz.sh long`, figures in fuzz/README.md)
step "fuzz smoke (cargo-fuzz, 5 s per target)" bash "$ROOT/scripts/fuzz.sh" smoke
step "cargo clippy (wasm32, nianbao-web, nianbao-reader with both its modules)" \
  wcargo clippy --target "$WASM_TARGET" -p nianbao-web -p nianbao-reader --all-features --all-targets --locked -- -D warnings
# tests/node.rs runs in Node; tests/browser.rs and tests/boundary.rs (garbage of every JS type into
# every export; run_in_browser) in headless Chromium via chromedriver
# With every rule in the page's module (the core's features, which the shipped page leaves to its
# full-check module): these test the page's logic on real findings; the split itself is the e2e's.
step "wasm-bindgen-test (Node + Chromium)" \
  wcargo test --target "$WASM_TARGET" -p nianbao-web --features nianbao-core/prose,nianbao-core/localise \
    --locked --test node --test browser --test boundary
step "wasm-bindgen-test (the Node tests in Chromium)" \
  wcargo_in_browser test --target "$WASM_TARGET" -p nianbao-web --features nianbao-core/prose,nianbao-core/localise \
    --locked --test node
# the exports of the reader module and the full-check module with garbage of every JS type and
# with real files (Chromium)
step "wasm-bindgen-test (reader and full-check modules, Chromium)" \
  wcargo test --target "$WASM_TARGET" -p nianbao-reader --all-features --locked --test boundary
# The compat (Wasm Core 1.0) build for Chromium 78-95: -Zbuild-std into target/compat, wasm-bindgen,
# wasm-opt (MVP features only), wasm-validate with all proposals off, target_features check.
# Before Trunk: its post_build hook (scripts/post-build.mjs) copies it into dist/ for the loader.
step "compat wasm build + static checks" bash "$ROOT/scripts/compat.sh"
# The reader module (.docx and PDF readers, loaded on demand), modern build; the compat one is above.
step "reader module (modern)" bash "$ROOT/scripts/reader.sh"
# The full-check module (the prose checks and the error localiser, loaded at the first check), modern.
step "full-check module (modern)" bash "$ROOT/scripts/reader.sh" full
step "trunk build --release (+ post-build: loader, compat, sw.js)" "$ROOT/scripts/trunk" build --release
# dist-single/nianbao.html (inline glue + base64 wasm + CSS), ES2017 syntax check (acorn)
step "single file (dist-single/nianbao.html)" bash "$ROOT/scripts/single-file.sh" --no-build
step "JS syntax level (our own JS: ES2017)" node "$ROOT/scripts/js-syntax.mjs" \
  "$ROOT/www/index.html" "$ROOT/www/sw.js" "$ROOT/www/sw-register.js" "$ROOT/www/nianbao.js" \
  "$ROOT/www/embed-demo.js" "$ROOT/dist/sw.js" "$ROOT/dist/nianbao.js" "$ROOT"/dist/nianbao-boot-*.js
# the compat glue in dist/ (what Chromium 78-95 runs): ES2017 but for import.meta (Chromium 64)
step "JS syntax level (compat glue: ES2017 + import.meta)" node "$ROOT/scripts/js-syntax.mjs" \
  --allow-import-meta "$ROOT"/dist/nianbao-compat-*[0-9a-f].js "$ROOT"/dist/nianbao-reader-compat-*[0-9a-f].js \
  "$ROOT"/dist/nianbao-full-compat-*[0-9a-f].js
# www/nianbao.d.ts compiles under --strict, and the README's usage (tests/types/usage.ts) type-checks
step "TypeScript definitions (tsc --strict)" "$ROOT/node_modules/.bin/tsc" -p "$ROOT/tests/types"
step "sizes (gzip -9; fails over the budgets written in scripts/sizes.sh)" bash "$ROOT/scripts/sizes.sh" "$ROOT/dist"
# Real headless Chromium 78, 83, 86 and 92 from npm (chrome-aws-lambda, pinned with integrity in
# tests/e2e/old-chromium/package-lock.json), decompressed once into target/old-chromium; a no-op when
# cached. tests/e2e/old-chromium.test.mjs drives them over the DevTools protocol in the e2e step.
step "old Chromium 78/83/86/92 (npm chrome-aws-lambda, cached in target/old-chromium)" \
  node "$ROOT/tests/e2e/old-chromium.mjs"
# tests/e2e/*.test.mjs: Playwright in Debian's Chromium (page, offline single file and service worker,
# embed/widget/API, pairing, a11y, corpus) and the old Chromium builds over the DevTools protocol
step "e2e (Playwright + old Chromium over CDP, release build + single file)" bash "$ROOT/scripts/e2e.sh"

echo
echo "test.sh: all steps passed in $(( $(date +%s) - T0 ))s (wasm route: $ROUTE)"
step_summary   # ends with the e2e line `e2e: N passed, M failed, S skipped, T todo`
