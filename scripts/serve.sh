#!/usr/bin/env bash
# README command 1: set up (idempotent), build the page in release mode (and the single offline
# file dist-single/nianbao.html), print the sizes and serve dist/ on http://127.0.0.1:${PORT:-8080}/
# until Ctrl+C.
#   bash scripts/serve.sh            PORT=9000 bash scripts/serve.sh
set -euo pipefail
. "$(dirname "$0")/lib.sh"
port=${PORT:-8080}
step "setup" bash "$ROOT/scripts/setup.sh"
step "release build (trunk, reused when unchanged; + single file)" bash "$ROOT/scripts/build.sh"
# The size budget fails the test command (scripts/test.sh), not the serving of a page built here.
step "sizes (gzip -9)" bash -c "bash '$ROOT/scripts/sizes.sh' '$ROOT/dist' || echo 'sizes: over budget (scripts/test.sh fails on this)'"
printf '\nSingle offline file: %s (open it directly, no server needed)\n' "$ROOT/dist-single/nianbao.html"
printf 'Serving %s on http://127.0.0.1:%s/  (Ctrl+C to stop)\n' "$ROOT/dist" "$port"
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory "$ROOT/dist"
