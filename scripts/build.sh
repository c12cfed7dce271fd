#!/usr/bin/env bash
# Release build of the page into dist/ (Trunk, wasm-opt -Oz). Assumes scripts/setup.sh ran.
#   bash scripts/build.sh
set -euo pipefail
. "$(dirname "$0")/lib.sh"
"$ROOT/scripts/trunk" build --release
