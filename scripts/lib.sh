# shellcheck shell=bash
# Shared helpers for scripts/*.sh. Source it: `. "$(dirname "$0")/lib.sh"`.
#
# - ROOT: the repository root; every script cds there.
# - PATH: cargo-installed tools (~/.cargo/bin) and node_modules/.bin (npm `binaryen` = wasm-opt 132)
#   come first, so Debian's too-old /usr/bin/wasm-opt (binaryen 108) never wins.
# - wasm_route / wcargo: which toolchain builds wasm32 (see ARCHITECTURE.md, "Toolchain and the two wasm routes"):
#     rustup  - the rustup toolchain has the wasm32-unknown-unknown std: plain `cargo`.
#     debian  - Debian rustc-web/cargo-web + rust-web-src, std built from source (-Zbuild-std)
#               through scripts/dcargo. Forced with NIANBAO_WASM_ROUTE=debian.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
CARGO_HOME=${CARGO_HOME:-$HOME/.cargo}
export PATH="$ROOT/node_modules/.bin:$CARGO_HOME/bin:$PATH"
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
# Keep CI logs free of ANSI noise but readable locally.
if [ -n "${CI:-}" ]; then export CARGO_TERM_COLOR=never; fi

WASM_TARGET=wasm32-unknown-unknown

# Prints "rustup" or "debian" (or "none" when neither is installed).
wasm_route() {
  if [ -n "${NIANBAO_WASM_ROUTE:-}" ]; then echo "$NIANBAO_WASM_ROUTE"; return; fi
  local libdir
  libdir=$(rustc --print target-libdir --target "$WASM_TARGET" 2>/dev/null || true)
  if [ -n "$libdir" ] && ls "$libdir"/libstd-*.rlib >/dev/null 2>&1; then
    echo rustup
  elif debian_toolchain_ok; then
    echo debian
  else
    echo none
  fi
}

# Debian rustc-web/cargo-web with the std sources (rust-web-src) for -Zbuild-std.
debian_toolchain_ok() {
  [ -x /usr/bin/cargo ] && [ -x /usr/bin/rustc ] || return 1
  local sysroot
  sysroot=$(/usr/bin/rustc --print sysroot 2>/dev/null) || return 1
  [ -d "$sysroot/lib/rustlib/src/rust/library" ]
}

# cargo for the wasm32 target: plain cargo on the rustup route, scripts/dcargo on the Debian route.
wcargo() {
  if [ "$(wasm_route)" = debian ]; then "$ROOT/scripts/dcargo" "$@"; else cargo "$@"; fi
}

# The route for a build that rebuilds std (-Zbuild-std): as wasm_route, but rustup without the
# rust-src component cannot rebuild std, and the Debian toolchain (std sources in rust-web-src) can.
build_std_route() {
  local route
  route=$(wasm_route)
  if [ "$route" = rustup ] && ! rustup component list --installed 2>/dev/null | grep -q '^rust-src' \
    && debian_toolchain_ok; then
    echo "rustup has no rust-src; building with the Debian toolchain (scripts/dcargo)" >&2
    route=debian
  fi
  echo "$route"
}

# ship_env: the environment of the modern builds that ship (the page's module through Trunk, the
# reader module; scripts/compat.sh sets the same std options for the compat build). std is rebuilt
# from source (-Zbuild-std, the rust-src component; on the Debian route scripts/dcargo does it
# anyway) with its size-first feature `optimize_for_size` (smaller sorts and string searches) and
# without panic locations (-Zlocation-detail=none: no file:line strings; the panic hook's message
# and the restart do not need them). Measured on the page's module (wasm-opt -Oz, gzip -9):
# 234.9 -> 218.7 KiB. The output goes to target/ship/, so that the tests' and clippy's wasm32
# builds in target/ keep the precompiled std. RUSTC_BOOTSTRAP=1 lets stable cargo take the -Z
# options; it is exported only into the build command's own process (never in a config file).
ship_env() {
  NIANBAO_WASM_ROUTE=$(build_std_route)
  export NIANBAO_WASM_ROUTE
  export CARGO_TARGET_DIR=$ROOT/target/ship
  export RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
  export RUSTFLAGS="-Zlocation-detail=none"
}

# The wasm-bindgen crate version pinned in Cargo.lock (wasm-bindgen-cli must be exactly this).
wasm_bindgen_version() {
  sed -n '/^name = "wasm-bindgen"$/{n;s/^version = "\(.*\)"$/\1/p;}' "$ROOT/Cargo.lock" | head -n 1
}

# step NAME CMD...: a visible header, the command, its duration; stops the script on failure.
STEP_LOG=()
step() {
  local name=$1; shift
  local t0 t1 rc
  printf '\n==> %s\n    $ %s\n' "$name" "$*"
  t0=$(date +%s.%N)
  set +e
  "$@"
  rc=$?
  set -e
  t1=$(date +%s.%N)
  local dt
  dt=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
  if [ "$rc" -ne 0 ]; then
    printf '<== FAILED (exit %s) after %ss: %s\n' "$rc" "$dt" "$name"
    STEP_LOG+=("FAILED ${dt}s  $name")
    step_summary
    exit "$rc"
  fi
  printf '<== ok in %ss: %s\n' "$dt" "$name"
  STEP_LOG+=("ok     ${dt}s  $name")
}

# Prints the step times; then the file $STEP_SUMMARY_TAIL if set and present (test.sh: the e2e
# counts, so that they are the last line of the output even when a step failed).
step_summary() {
  printf '\n==> summary\n'
  local l
  for l in "${STEP_LOG[@]}"; do printf '    %s\n' "$l"; done
  if [ -n "${STEP_SUMMARY_TAIL:-}" ] && [ -f "$STEP_SUMMARY_TAIL" ]; then cat "$STEP_SUMMARY_TAIL"; fi
}

# A free TCP port on 127.0.0.1.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
