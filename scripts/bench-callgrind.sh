#!/usr/bin/env bash
# Instruction counts of the core's benchmark workloads (valgrind callgrind; BENCHMARKS.md):
#   bash scripts/bench-callgrind.sh [WORKLOAD…]     (default: seed read rules arith docx docx-seed pdf)
# Builds examples/hot.rs (release profile) and prints the instructions of one iteration of each
# (only the measured loop is counted). Profiles stay in target/callgrind/ for callgrind_annotate.
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
    printf '%-10s %12d instructions per iteration\n' "$w" $((ir / n))
  done
done
