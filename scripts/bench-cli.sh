#!/usr/bin/env bash
# CLI benchmarks (BENCHMARKS.md): batch throughput per CPU-second and the cold start.
#
#   bash scripts/bench-cli.sh [N]
#
# Builds the release `nianbao`, copies the seed (text) and the corpus .docx fixture N times
# each (default 1000) into folders under target/bench-cli/, and runs `nianbao check --jobs 1
# --format jsonl` over each folder; the CPU time (user + system, from /usr/bin/time) gives
# reports per CPU-second, which the machine's load changes far less than the wall time.
# Then the cold start: `nianbao check seed.txt` run 200 times, one process each; the mean
# wall and CPU time of one run. With callgrind=1 in the environment, also the instructions
# of one cold run (valgrind, repeatable under load).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
cargo build --release -p nianbao-cli --quiet
bin=target/release/nianbao
dir=target/bench-cli
rm -rf "$dir"
mkdir -p "$dir/text" "$dir/docx"
for i in $(seq -w 1 "$n"); do
  cp tests/fixtures/seed.txt "$dir/text/r$i.txt"
  cp tests/fixtures/docx/008_shanghai-bgt_2019.docx "$dir/docx/r$i.docx"
done

batch() { # batch NAME FOLDER
  local t user sys wall
  t=$( { /usr/bin/time -f '%U %S %e' "$bin" check --jobs 1 --quiet --fail-on never \
    --format jsonl "$2" >/dev/null; } 2>&1 | tail -1)
  read -r user sys wall <<<"$t"
  awk -v n="$n" -v u="$user" -v s="$sys" -v w="$wall" -v name="$1" 'BEGIN {
    cpu = u + s;
    printf "%-5s %d reports: %.2f s CPU (user %.2f, sys %.2f), %.2f s wall: %.0f reports per CPU-second\n",
      name, n, cpu, u, s, w, (cpu > 0 ? n / cpu : 0) }'
}
batch text "$dir/text"
batch docx "$dir/docx"

runs=200
t=$( { /usr/bin/time -f '%U %S %e' bash -c \
  "for i in \$(seq $runs); do $bin check tests/fixtures/seed.txt >/dev/null; done"; } 2>&1 | tail -1)
read -r user sys wall <<<"$t"
awk -v n="$runs" -v u="$user" -v s="$sys" -v w="$wall" 'BEGIN {
  printf "cold  nianbao check seed.txt: %.2f ms wall, %.2f ms CPU per run (mean of %d runs, loop shell included)\n",
    1000 * w / n, 1000 * (u + s) / n, n }'
if [ "${callgrind:-}" = 1 ]; then
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" check tests/fixtures/seed.txt \
    2>&1 >/dev/null | grep -E 'Collected' | sed 's/^==[0-9]*== /cold  instructions: /'
fi
