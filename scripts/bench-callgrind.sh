#!/usr/bin/env bash
# Instruction counts of the core's benchmark workloads (valgrind callgrind; BENCHMARKS.md):
#   bash scripts/bench-callgrind.sh [WORKLOAD…]     (default: seed read rules arith docx docx-seed pdf)
# Builds examples/hot.rs (release profile) and prints the instructions of one iteration of each
# (only the measured loop is counted). Profiles stay in target/callgrind/ for callgrind_annotate.
# With cpu=1 in the environment, also the CPU time (user + system, /usr/bin/time) of one
# iteration, from a run of many without valgrind: less inflated by load than wall time.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p nianbao-core --example hot --quiet
mkdir -p target/callgrind
for w in "${@:-seed read rules arith docx docx-seed pdf}"; do
  for w in $w; do
    n=20
    [ "$w" = pdf ] && n=3
    out=target/callgrind/$w.out
    ir=$(valgrind --tool=callgrind --collect-atstart=no --toggle-collect='hot::measure*' \
      --callgrind-out-file="$out" target/release/examples/hot "$w" "$n" 2>&1 |
      sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
    printf '%-10s %12d instructions per iteration' "$w" $((ir / n))
    if [ "${cpu:-}" = 1 ]; then
      # about 2 × 10^9 instructions of work
      m=$((2000000000 / (ir / n) + 1))
      t=$({ /usr/bin/time -f '%U %S' target/release/examples/hot "$w" "$m" >/dev/null; } 2>&1 | tail -1)
      awk -v t="$t" -v m="$m" 'BEGIN { split(t, a, " "); printf ", %.1f µs CPU (%d runs)", 1e6 * (a[1] + a[2]) / m, m }'
    fi
    echo
  done
done
