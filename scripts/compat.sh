#!/usr/bin/env bash
# The compat ("MVP", Wasm Core 1.0) builds for old domestic browsers (Chromium 78-95, Firefox ESR 78):
# the page's module (the nianbao-web cdylib), the reader module (the nianbao-reader cdylib, feature
# `read`: the .docx and PDF readers, loaded on demand) and the full-check module (the same crate,
# feature `full`: the rules, the prose checks and the error localiser, loaded when the user starts
# or at the first check), in the size profile wasm-release of Cargo.toml (the full-check module in
# the speed profile wasm-full, optimised with wasm-opt -O3): std rebuilt with -Zbuild-std and
#   RUSTFLAGS="-Ctarget-cpu=mvp -Ctarget-feature=+mutable-globals"
# (browser-floor.md §2.3; -reference-types alone is not enough), into its own target dir
# target/compat/ so the normal build's std is not invalidated. Then wasm-bindgen --target web (with
# no reference-types in the module it emits the JS heap glue, no externref table) and
# wasm-opt (-Oz; -O3 for the full-check module) limited to MVP + mutable-globals, so the optimiser
# cannot add bulk-memory etc.
# Static checks on each final module (browser-floor.md §5.1):
#   - wasm-validate (Debian wabt) with every post-MVP proposal disabled (the Core 1.0 profile);
#   - the target_features custom section is absent, empty or only +mutable-globals;
#   - the glue has no externref table.
# Output: target/compat/pkg/nianbao_web.js (ES2017) + nianbao_web_bg.wasm, nianbao_reader.js +
# nianbao_reader_bg.wasm and nianbao_full.js + nianbao_full_bg.wasm; scripts/post-build.mjs copies them into dist/ (the loader picks them for
# old browsers) and single-file.mjs inlines them.
# A stamp per module skips the (JS, ~13 s) wasm-opt when wasm-bindgen's output is unchanged. Cold:
# ~80 s (std) + ~40 s (reader); warm: ~3 s.
#   bash scripts/compat.sh
set -euo pipefail
. "$(dirname "$0")/lib.sh"

out=$ROOT/target/compat
pkg=$out/pkg
route=$(build_std_route)
export CARGO_TARGET_DIR=$out
# -Zlocation-detail=none (std is rebuilt with -Z flags here anyway): panics carry no file:line
# strings, ~5 KB gzip less; the panic hook's message and the restart do not need them. std's
# size-first feature optimize_for_size, as in the modern builds (ship_env in scripts/lib.sh).
export RUSTFLAGS="-Ctarget-cpu=mvp -Ctarget-feature=+mutable-globals -Zlocation-detail=none"
export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
# build CRATE LIB [CARGO-FEATURE-ARGS...]: one cdylib, compiled (with those feature arguments),
# bound, optimised and checked into $pkg/LIB{.js,_bg.wasm} (LIB names the module: the
# nianbao-reader crate builds both the reader module and the full-check module)
# PROFILE and WASM_OPT in the environment choose another cargo profile and wasm-opt level (the
# full-check module: wasm-full, -O3; Cargo.toml says why).
build() {
  local crate=$1 lib=$2 profile=${PROFILE:-wasm-release} wasm_opt=${WASM_OPT:--Oz}
  shift 2
  case $route in
    rustup)
      # rustup's stable cargo + rustc with the rust-src component; -Z flags through RUSTC_BOOTSTRAP,
      # set for this one command only (never globally: toolchain.md §8).
      RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
        cargo build --profile "$profile" --locked --offline --target "$WASM_TARGET" -p "$crate" --lib "$@"
      ;;
    debian)
      # scripts/dcargo already sets RUSTC_BOOTSTRAP=1 and CARGO_UNSTABLE_BUILD_STD=std,panic_abort
      "$ROOT/scripts/dcargo" build --profile "$profile" --locked --offline --target "$WASM_TARGET" -p "$crate" --lib "$@"
      ;;
    *) echo "compat: no wasm32 toolchain (run scripts/setup.sh)"; exit 1;;
  esac
  local built=$out/$WASM_TARGET/$profile/${crate//-/_}.wasm

  # the raw module must already be MVP: a feature here would come from a precompiled std
  node "$ROOT/scripts/wasm-features.mjs" --expect-mvp "$built"

  mkdir -p "$pkg"
  local staging
  staging=$(mktemp -d "$out/bindgen.XXXXXX")
  # named after the module: wasm-bindgen names its output after its input
  local raw=$staging/in/$lib.wasm
  mkdir -p "$staging/in"
  cp "$built" "$raw"
  wasm-bindgen --target web --no-typescript --out-dir "$staging" "$raw"
  # ES2017 glue (one `?.` patched), checked with acorn; import.meta (Chromium 64) is fine here
  node "$ROOT/scripts/es2017-glue.mjs" "$staging/$lib.js"
  node "$ROOT/scripts/js-syntax.mjs" --allow-import-meta "$staging/$lib.js"
  if grep -q '__wbindgen_init_externref_table\|__wbindgen_externrefs' "$staging/$lib.js"; then
    echo "compat: wasm-bindgen emitted an externref table (reference types) for the MVP module $lib"; exit 1
  fi
  grep -q 'function addHeapObject' "$staging/$lib.js" \
    || { echo "compat: expected wasm-bindgen's JS heap glue (addHeapObject) for the MVP module $lib"; exit 1; }

  local want
  want=$(cat "$staging/${lib}_bg.wasm" "$staging/$lib.js" | sha256sum | cut -d' ' -f1)
  if [ -f "$pkg/.stamp-$lib" ] && [ "$(cat "$pkg/.stamp-$lib")" = "$want" ] && [ -f "$pkg/${lib}_bg.wasm" ]; then
    echo "compat: $lib: wasm-bindgen output unchanged; reusing the wasm-opt result"
  else
    # --mvp-features --enable-mutable-globals: binaryen may only use what Core 1.0 has
    wasm-opt "$wasm_opt" --mvp-features --enable-mutable-globals \
      "$staging/${lib}_bg.wasm" -o "$staging/opt.wasm"
    mv "$staging/opt.wasm" "$pkg/${lib}_bg.wasm"
    cp "$staging/$lib.js" "$pkg/$lib.js"
    echo "$want" > "$pkg/.stamp-$lib"
  fi
  rm -rf "$staging"

  local final=$pkg/${lib}_bg.wasm
  # Core 1.0 profile of browser-floor.md §5.1: all proposals disabled
  wasm-validate --disable-simd --disable-reference-types --disable-multi-value --disable-bulk-memory \
    --disable-saturating-float-to-int --disable-sign-extension "$final"
  echo "compat: $lib: wasm-validate (Core 1.0 profile, all proposals disabled): OK"
  node "$ROOT/scripts/wasm-features.mjs" --expect-mvp "$final"
  printf 'compat: %s %d bytes (gzip -9 %d), glue %d bytes, route %s\n' "$final" \
    "$(wc -c < "$final")" "$(gzip -9 -c "$final" | wc -c)" "$(wc -c < "$pkg/$lib.js")" "$route"
}

trap 'rm -rf "$out"/bindgen.*' EXIT
build nianbao-web nianbao_web
build nianbao-reader nianbao_reader --features read
PROFILE=wasm-full WASM_OPT=-O3 build nianbao-reader nianbao_full --no-default-features --features full
# one stamp for all (scripts/build.sh hashes it into its input stamp)
cat "$pkg/.stamp-nianbao_web" "$pkg/.stamp-nianbao_reader" "$pkg/.stamp-nianbao_full" > "$pkg/.stamp"
