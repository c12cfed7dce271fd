#!/usr/bin/env bash
# Idempotent machine setup for building and testing the nianbao web page.
#
#   bash scripts/setup.sh          # installs what is missing, reuses what is there (seconds when done)
#
# Installs (only when missing or at the wrong version):
#   1. wasm32 toolchain: `rustup target add wasm32-unknown-unknown` (60 s timeout), else the Debian
#      route (apt: rustc-web cargo-web rust-web-src rust-web-llvm lld-22 rust-web-clippy; scripts/dcargo
#      builds std). rust-web-llvm provides /usr/bin/rust-lld (only a Recommends of rustc-web).
#   2. rust-src (every shipped wasm build rebuilds std with -Zbuild-std: scripts/compat.sh, and ship_env in scripts/lib.sh).
#   3. apt: chromium chromium-driver (browser tests, Playwright), wabt (wasm-validate) and
#      fonts-wqy-microhei (CJK glyphs in screenshots).
#   4. cargo install: wasm-bindgen-cli at exactly the version in Cargo.lock, trunk 0.21.14.
#   5. npm ci: binaryen@132 (wasm-opt), playwright-core (never downloads browsers) and acorn (the
#      ES2017 syntax check of scripts/js-syntax.mjs), terser (the shipped JavaScript minified).
#   6. cargo fetch (Trunk.toml has offline = true, so every crate must be cached).
# Needs root or sudo for apt-get; everything else installs for the current user.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

TRUNK_VERSION=0.21.14
APT_UPDATED=
SUDO=
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: ERROR: %s\n' "$*" >&2; exit 1; }

apt_missing() { # prints the packages of "$@" that are not installed
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || echo "$p"
  done
}

apt_install() { # apt_install PKG... (apt-get update at most once per run)
  local missing
  missing=$(apt_missing "$@" | tr '\n' ' ')
  [ -n "${missing// /}" ] || return 0
  command -v apt-get >/dev/null || { say "apt-get not available; cannot install: $missing"; return 1; }
  if [ -n "$SUDO" ] && ! command -v sudo >/dev/null; then
    say "not root and no sudo; cannot install: $missing"; return 1
  fi
  if [ -z "$APT_UPDATED" ]; then
    say "apt-get update"
    $SUDO apt-get update -qq || return 1
    APT_UPDATED=1
  fi
  say "apt-get install $missing"
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing || return 1
}

manual_help() {
  cat >&2 <<'HELP'
setup: could not get a Rust toolchain for wasm32. Install ONE of these by hand, then rerun:
  (a) rustup (https://rustup.rs), then:
        rustup target add wasm32-unknown-unknown
        rustup component add rust-src clippy rustfmt
  (b) Debian 12 packages (air-gapped mirrors carry them):
        apt-get install rustc-web cargo-web rust-web-src rust-web-llvm lld-22 rust-web-clippy
      plus any stable Rust toolchain with clippy and rustfmt for the native steps.
HELP
}

# --- 0. basics ----------------------------------------------------------------------------------
command -v cargo >/dev/null || { manual_help; die "cargo not found on PATH"; }
command -v node >/dev/null || die "node (>= 20) not found: install Node.js 20 or newer (e.g. from nodejs.org or NodeSource)"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || die "node $(node -v) is too old: playwright-core needs Node >= 20"
command -v python3 >/dev/null || apt_install python3 || die "python3 is needed (static file server for the e2e test)"

# --- 1. wasm32 toolchain --------------------------------------------------------------------------
# Remembers that rustup failed before, so that a second run on an air-gapped machine does not
# wait for the rustup timeout again. Delete the file to retry rustup.
route_memo=$ROOT/target/.nianbao-wasm-route
route=
if [ -n "${NIANBAO_WASM_ROUTE:-}" ]; then
  say "NIANBAO_WASM_ROUTE=$NIANBAO_WASM_ROUTE (forced)"
  route=$NIANBAO_WASM_ROUTE
elif [ "$(wasm_route)" = rustup ]; then
  route=rustup
elif [ "$(cat "$route_memo" 2>/dev/null)" = debian ] && debian_toolchain_ok; then
  say "rustup failed to add $WASM_TARGET on an earlier run: Debian route (rm $route_memo to retry rustup)"
  route=debian
elif command -v rustup >/dev/null && timeout 60 rustup target add "$WASM_TARGET"; then
  route=rustup
else
  say "rustup could not add $WASM_TARGET (no rustup, no network or timeout): trying the Debian route"
  route=debian
  mkdir -p "$ROOT/target" && echo debian > "$route_memo"
fi
if [ "$route" = debian ]; then
  apt_install rustc-web cargo-web rust-web-src rust-web-llvm lld-22 rust-web-clippy || { manual_help; die "Debian route failed"; }
  debian_toolchain_ok || { manual_help; die "Debian route installed but incomplete (no /usr/bin/cargo, /usr/bin/rustc or std sources)"; }
  [ -x /usr/bin/rust-lld ] || { manual_help; die "Debian route: /usr/bin/rust-lld missing (package rust-web-llvm)"; }
fi

# --- 2. rust-src (every shipped wasm build rebuilds std for size: -Zbuild-std; scripts/lib.sh ship_env, scripts/compat.sh) ---
if [ "$route" = rustup ]; then
  if ! rustup component list --installed 2>/dev/null | grep -q '^rust-src'; then
    timeout 60 rustup component add rust-src || say "WARNING: rust-src not installed: the shipped wasm builds (scripts/compat.sh, scripts/reader.sh, scripts/trunk) need it or the Debian route"
  fi
fi
# rustfmt/clippy for the native steps (normally part of the default rustup profile)
if command -v rustup >/dev/null; then
  for c in rustfmt clippy; do
    rustup component list --installed 2>/dev/null | grep -q "^$c" || timeout 60 rustup component add "$c" || true
  done
fi

# --- 3. apt packages: browser + driver for tests, wabt for wasm-validate --------------------------
# fonts-wqy-microhei: a small CJK font, so screenshots of the page show Chinese, not boxes
apt_install chromium chromium-driver wabt fonts-wqy-microhei || die "could not install chromium chromium-driver wabt fonts-wqy-microhei"
[ -x "$CHROMIUM" ] || die "$CHROMIUM missing"
[ -x "$CHROMEDRIVER" ] || die "$CHROMEDRIVER missing"

# --- 4. crates: lockfile, fetch (Trunk runs cargo --offline) ----------------------------------------
[ -f Cargo.lock ] || cargo generate-lockfile
cargo fetch --quiet
if [ "$route" = debian ]; then
  # also fetches the dependencies of std itself (build-std)
  NIANBAO_WASM_ROUTE=debian wcargo fetch --quiet --target "$WASM_TARGET"
elif rustup component list --installed 2>/dev/null | grep -q '^rust-src'; then
  # the compat build (scripts/compat.sh) rebuilds std offline: fetch std's own dependencies too
  RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort cargo fetch --quiet --target "$WASM_TARGET" \
    || say "WARNING: could not fetch std's dependencies for the compat build (scripts/compat.sh)"
fi

# --- 5. cargo-installed CLI tools (cached in $CARGO_HOME/bin; checked by version) -------------------
WBG=$(wasm_bindgen_version)
[ -n "$WBG" ] || die "wasm-bindgen not found in Cargo.lock"
trunk_pin=$(sed -n 's/^wasm_bindgen *= *"\(.*\)"/\1/p' Trunk.toml)
[ "$trunk_pin" = "$WBG" ] || die "Trunk.toml [tools] wasm_bindgen = \"$trunk_pin\" but Cargo.lock has wasm-bindgen $WBG: make them equal"

have_version() { # have_version CMD EXPECTED-LINE
  command -v "$1" >/dev/null && [ "$("$1" --version 2>/dev/null | head -n 1)" = "$2" ]
}
if have_version wasm-bindgen "wasm-bindgen $WBG" && have_version wasm-bindgen-test-runner "wasm-bindgen-test-runner $WBG"; then
  say "wasm-bindgen-cli $WBG present"
else
  say "cargo install wasm-bindgen-cli --version $WBG (about 2 minutes)"
  # no --locked: its lockfile pins crates some registry mirrors do not serve (toolchain.md pitfall 3)
  cargo install --quiet --force wasm-bindgen-cli --version "$WBG"
fi
if have_version trunk "trunk $TRUNK_VERSION"; then
  say "trunk $TRUNK_VERSION present"
else
  say "cargo install trunk --version $TRUNK_VERSION --locked (about 5 minutes)"
  # 0.22.x needs rustc >= 1.96.1
  cargo install --quiet --force trunk --version "$TRUNK_VERSION" --locked
fi

# --- 6. npm: wasm-opt (binaryen 132) + playwright-core ------------------------------------------------
stamp=node_modules/.nianbao-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x node_modules/.bin/wasm-opt ]; then
  say "node_modules up to date"
else
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
[ -f node_modules/acorn/package.json ] || die "node_modules/acorn missing after npm ci (package-lock.json)"
[ -x node_modules/.bin/tsc ] || die "node_modules/.bin/tsc (typescript) missing after npm ci (package-lock.json)"
[ -f node_modules/terser/package.json ] || die "node_modules/terser missing after npm ci (package-lock.json)"
wasm_opt_v=$(node_modules/.bin/wasm-opt --version | awk '{print $3}')
trunk_opt=$(sed -n 's/^wasm_opt *= *"version_\(.*\)"/\1/p' Trunk.toml)
[ "$wasm_opt_v" = "$trunk_opt" ] || die "wasm-opt is version $wasm_opt_v but Trunk.toml wants version_$trunk_opt"

case $route in
  rustup) say "route: rustup (wasm32-unknown-unknown std from rustup; plain cargo and trunk)";;
  debian) say "route: debian (rustc-web/cargo-web + -Zbuild-std via scripts/dcargo; trunk via scripts/trunk shim)";;
esac
say "tools: $(rustc --version | cut -d' ' -f1-2), $(wasm-bindgen --version), $(trunk --version), wasm-opt $wasm_opt_v, node $(node -v), $("$CHROMIUM" --version 2>/dev/null | head -n 1)"
say "OK"
