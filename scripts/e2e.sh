#!/usr/bin/env bash
# Playwright end-to-end test of the release build: serves dist/ on a free 127.0.0.1 port with
# python3's http.server (killed on exit) and runs tests/e2e/*.test.mjs with `node --test`
# against it. Screenshots go to target/e2e/. Prints a final line `e2e: N passed, M failed, S skipped, T todo`; under CI=true a skipped or todo test fails the run.
# tests/e2e/offline.test.mjs also opens dist-single/nianbao.html from file:// (scripts/single-file.sh).
#   bash scripts/e2e.sh          (after scripts/trunk build --release)
#   bash scripts/e2e.sh tests/e2e/offline.test.mjs     (only the given test files)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
[ -f "$ROOT/dist/index.html" ] || { echo "e2e: no dist/index.html; build first (scripts/build.sh)"; exit 1; }
mkdir -p "$ROOT/target/e2e"
if [ "$#" -gt 0 ]; then files=("$@"); else files=("$ROOT"/tests/e2e/*.test.mjs); fi
port=$(free_port)
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$ROOT/dist" >"$ROOT/target/e2e/http.log" 2>&1 &
srv=$!
trap 'kill "$srv" 2>/dev/null || true; wait "$srv" 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 100); do
  curl -fs -o /dev/null "http://127.0.0.1:$port/" && break
  kill -0 "$srv" 2>/dev/null || { echo "e2e: http.server died:"; cat "$ROOT/target/e2e/http.log"; exit 1; }
  sleep 0.1
done
kill -0 "$srv"   # our server, not some other process on that port, must be the one answering

set +e
APP_URL="http://127.0.0.1:$port/" E2E_OUT="$ROOT/target/e2e" \
  node --test --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$ROOT/target/e2e/results.tap" \
    "${files[@]}"
rc=$?
set -e
# node's TAP summary: "# pass N" / "# fail N" / "# skipped N" / "# todo N"
tap_count() { sed -n "s/^# $1 \\([0-9]*\\)\$/\\1/p" "$ROOT/target/e2e/results.tap" | tail -n 1; }
passed=$(tap_count pass); failed=$(tap_count fail); skipped=$(tap_count skipped); todo=$(tap_count todo)
passed=${passed:-0}; failed=${failed:-0}; skipped=${skipped:-0}; todo=${todo:-0}
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
# A test that did not run proves nothing: listed here, and under CI=true it fails the run.
if [ "$((skipped + todo))" -gt 0 ]; then
  echo "e2e: $skipped skipped, $todo todo:"
  grep -E '^ *(not )?ok .* # (SKIP|TODO)' "$ROOT/target/e2e/results.tap" | sed 's/^ */    /' || true
  if [ "${CI:-}" = "true" ]; then
    echo "e2e: CI=true: a skipped or todo test counts as failed"
    failed=$(( failed + skipped + todo )); rc=1
  fi
fi
echo "e2e: $passed passed, $failed failed, $skipped skipped, $todo todo" | tee "$ROOT/target/e2e/summary.txt"
exit "$rc"
