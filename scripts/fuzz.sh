#!/usr/bin/env bash
# Fuzzing the core with cargo-fuzz (libFuzzer): the targets of fuzz/ (see fuzz/README.md).
#
#   bash scripts/fuzz.sh                 # smoke: every target for $FUZZ_SECONDS (default 5) seconds
#   bash scripts/fuzz.sh long [SECONDS]  # every target for SECONDS (default 600), one after another
#   bash scripts/fuzz.sh long 300 pdf    # named targets only
#   FUZZ_CMP=off bash scripts/fuzz.sh long 7200 pdf   # built without the comparison hooks (below)
#   bash scripts/fuzz.sh campaign text 10200000 2     # to 10.2 million executions, two workers
#
# A campaign is what fuzz/README.md's figures come from: WORKERS processes of the target's
# binary on one corpus (libFuzzer reloads the corpus, so each takes up what the others
# find), RUNS executions in all, built without the comparison hooks unless FUZZ_CMP=on, no
# time limit but FUZZ_MAX_SECONDS (default a day); logs fuzz/logs/<target>-w<k>.log, and the
# executions of all workers added up at the end (a worker stopped early with SIGINT, e.g.
# `pkill -INT -f release/concat`, ends with its figures and is counted, not failed).
# FUZZ_MERGE=1 first minimises the corpus (-merge=1: the inputs that keep its coverage), as a
# PDF corpus grown by earlier runs needs. FUZZ_MAX_LEN gives each worker a -max_len, a list
# by worker ("0 32768": worker 1 takes the corpus's whole inputs, libFuzzer's default, worker 2
# inputs cut to 32 KiB; the last word holds for the workers after it). A whole report PDF of
# the corpus costs ~10 ms, so a worker on whole inputs makes ~100 executions a second; cut
# inputs run several times faster, and the worker on whole ones keeps looking for the slow
# paths only large inputs show.
#
# Installs what it needs (cargo-fuzz from crates.io, a C++ compiler for libFuzzer), seeds
# fuzz/corpus/<target>/ from the fixtures and ../shared/corpus at run time (the corpora are
# not committed), and runs each target with the limits below: no input may take more than
# 1 s (-timeout), no single allocation may exceed 256 MiB (fuzz/src/lib.rs), the process
# stays under 2 GiB. libFuzzer saves a crashing or hanging input in fuzz/artifacts/<target>/
# and the script fails. Long runs write fuzz/logs/<target>.log (its last line: executions).
# cargo-fuzz needs nightly features: on a stable toolchain RUSTC_BOOTSTRAP=1 allows them.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

MODE=${1:-smoke}
case $MODE in
  smoke) SECONDS_PER=${FUZZ_SECONDS:-5}; shift || true ;;
  long) SECONDS_PER=${2:-600}; shift; shift || true ;;
  campaign)
    [ $# -ge 3 ] || { echo "usage: scripts/fuzz.sh campaign TARGET RUNS [WORKERS]" >&2; exit 2; }
    CAMPAIGN_RUNS=$3; WORKERS=${4:-1}; SECONDS_PER=${FUZZ_MAX_SECONDS:-86400}
    FUZZ_CMP=${FUZZ_CMP:-off}
    set -- "$2" ;;
  *) echo "usage: scripts/fuzz.sh [smoke | long [SECONDS] [TARGET...] | campaign TARGET RUNS [WORKERS]]" >&2; exit 2 ;;
esac
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(text html docx pdf check_bytes concat wire findings)
FUZZ=$ROOT/fuzz
SHARED=${NIANBAO_SHARED:-$ROOT/../shared}
if [ ! -d "$SHARED/corpus" ] && [ -n "${NIANBAO_CORPUS:-}" ]; then SHARED=$NIANBAO_CORPUS/../..; fi
export RUSTC_BOOTSTRAP=1
say() { printf 'fuzz: %s\n' "$*"; }

# --- what it needs -----------------------------------------------------------------------------
if ! cargo fuzz --version >/dev/null 2>&1; then
  say "cargo install cargo-fuzz --locked (about 2 minutes)"
  cargo install --quiet --locked cargo-fuzz
fi
if ! command -v c++ >/dev/null; then
  say "apt-get install g++ (libFuzzer is C++)"
  SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends g++
fi

# --- seeds -------------------------------------------------------------------------------------
seed() { # seed TARGET FILE... : copies existing files into the target's corpus
  local dir=$FUZZ/corpus/$1 f; shift
  mkdir -p "$dir"
  for f in "$@"; do
    [ -f "$f" ] && cp -n "$f" "$dir/seed-$(basename "$f")"
  done
  return 0
}
shopt -s nullglob
F=$ROOT/tests/fixtures
C=$SHARED/corpus
texts=("$F"/seed.txt "$F"/cases/*.txt "$F"/page/*.txt "$C"/raw/*.txt "$C"/peer/*/*.txt "$C"/peer/*/*.md)
htmls=("$F"/html/*.html "$F"/docx/*.html "$C"/raw/*.html "$C"/peer/*/*.html)
docxs=("$F"/docx/*.docx "$F"/fuzz/*.docx)
pdfs=("$F"/pdf/*.pdf "$C"/raw/*.pdf "$C"/peer/*/*.pdf "$F"/fuzz/*.pdf)
seed text "${texts[@]}" "$F"/fuzz/*.txt
seed html "${htmls[@]}" "$F"/fuzz/*.html
seed docx "${docxs[@]}"
seed pdf "${pdfs[@]}"
seed check_bytes "${texts[@]}" "${htmls[@]}" "${docxs[@]}" "${pdfs[@]}" "$F"/fuzz/*
mkdir -p "$FUZZ/corpus/concat"
# concat: the runs of a consistent page (6 表二 runs, 25 表三 runs, 表四), and a long run
printf '000|1 2 3|2293|1282|42|24252.311082|%s000000000000000' "$(printf '0000000|%.0s' $(seq 25))" \
  > "$FUZZ/corpus/concat/seed-zeros"
printf '000|1 2 3|2293|1282|42|24252.311082|0000000|12345678912345678912345|' > "$FUZZ/corpus/concat/seed-long"

# wire: readers' results as the reader module encodes them (crates/core/src/readers/wire.rs): the seed
# report as lines, as a table of tab-separated cells with what a reader left out, and an error
mkdir -p "$FUZZ/corpus/wire"
python3 - "$F/seed.txt" "$FUZZ/corpus/wire" <<'PY'
import struct, sys
text = open(sys.argv[1], encoding='utf-8').read()
u32 = lambda n: struct.pack('<I', n)
s = lambda b: u32(len(b)) + b
data = text.encode()
spans, at = [], 0
for line in data.split(b'\n'):
    spans.append((at, at + len(line)))
    at += len(line) + 1
lines = b''.join(b'\x01' + u32(a) + u32(b) for a, b in spans)
doc = b'NBDOC1\x00\x00' + s(data) + u32(len(spans)) + lines + u32(0)
rows = b''.join(u32(a) + u32(b) + u32(1) + u32(a) + u32(b) for a, b in spans)
omitted = u32(4) + b'\x00' + u32(1000) + b'\x01' + u32(7) + b'\x02' + u32(3) + b'\x03' + u32(0)
table = b'NBDOC1\x00\x01' + s(data) + u32(1) + b'\x02\x00' + u32(len(spans)) + rows + omitted
err = b'NBDOC1\x01' + s('无法读取'.encode()) + s(b'unreadable')
for name, b in [('seed-lines', doc), ('seed-table', table), ('seed-error', err)]:
    open(f'{sys.argv[2]}/{name}', 'wb').write(b)
PY

# findings: a report's findings and evaluations as the full-check module encodes them
# (crates/core/src/rules/wire.rs), for the seed report (fuzz/examples/findings_seeds.rs)
(cd "$FUZZ" && cargo run --quiet --release --example findings_seeds -- "$FUZZ/corpus/findings")

dict() { case $1 in text|concat|html|docx|pdf|wire|findings) echo "$FUZZ/dicts/$1.dict" ;; *) echo "$FUZZ/dicts/text.dict" ;; esac; }

# --- build once, then run ----------------------------------------------------------------------
# No sanitizer: the core has no `unsafe`; debug assertions and overflow checks are on (the
# cargo-fuzz default), so an arithmetic overflow is a crash, as in the tests.
# FUZZ_CMP=off builds without LLVM's -sanitizer-coverage-trace-compares (cargo fuzz
# --no-trace-compares, into fuzz/target/nocmp): the hooks libFuzzer learns compared values from
# took 68 % of the `text` target's time (perf), and without them a target runs about 3.6 times the
# executions a second. For long runs from corpora grown with them: coverage still guides the
# mutations, and the dictionaries give the formats' tokens (fuzz/README.md).
BUILD=(-s none)
if [ "${FUZZ_CMP:-on}" = off ]; then BUILD+=(--no-trace-compares --target-dir "$FUZZ/target/nocmp"); fi
say "build (cargo fuzz build ${BUILD[*]})"
(cd "$FUZZ" && cargo fuzz build "${BUILD[@]}" >/dev/null 2>"$FUZZ/.build.log") || {
  cat "$FUZZ/.build.log" >&2; exit 1; }
mkdir -p "$FUZZ/logs" "$FUZZ/artifacts"
flags() { # flags TARGET: sets FLAGS to the limits every run has
  FLAGS=(-timeout=1 -rss_limit_mb=2048 -malloc_limit_mb=256 -dict="$(dict "$1")"
    -artifact_prefix="$FUZZ/artifacts/$1/" -print_final_stats=1)
}
execs_of() { sed -n 's/^stat::number_of_executed_units: *//p' "$1" | tail -n 1; }

if [ "$MODE" = campaign ]; then
  t=${TARGETS[0]}
  bin=$FUZZ/target/x86_64-unknown-linux-gnu/release/$t
  [ "${FUZZ_CMP:-on}" = off ] && bin=$FUZZ/target/nocmp/x86_64-unknown-linux-gnu/release/$t
  [ -x "$bin" ] || bin=$(ls "$FUZZ"/target/*/x86_64-unknown-linux-gnu/release/"$t" 2>/dev/null | head -n 1)
  mkdir -p "$FUZZ/artifacts/$t"
  cd "$FUZZ"
  if [ "${FUZZ_MERGE:-0}" = 1 ]; then
    say "$t: minimising the corpus (-merge=1)"
    rm -rf "corpus/$t.merged"; mkdir -p "corpus/$t.merged"
    "$bin" -merge=1 -timeout=1 -rss_limit_mb=2048 "corpus/$t.merged" "corpus/$t" >"logs/$t-merge.log" 2>&1
    rm -rf "corpus/$t"; mv "corpus/$t.merged" "corpus/$t"
  fi
  per=$(( (CAMPAIGN_RUNS + WORKERS - 1) / WORKERS ))
  say "$t: campaign of $CAMPAIGN_RUNS executions, $WORKERS worker(s) of $per, from $(ls "corpus/$t" | wc -l) inputs"
  pids=()
  flags "$t"
  read -r -a lens <<<"${FUZZ_MAX_LEN:-0}"
  for k in $(seq 1 "$WORKERS"); do
    len=${lens[$((k - 1))]:-${lens[-1]}}
    extra=()
    if [ "$len" != 0 ]; then extra=(-max_len="$len"); say "$t worker $k: inputs up to $len bytes (-max_len)"; fi
    "$bin" "corpus/$t" -runs="$per" -max_total_time="$SECONDS_PER" "${FLAGS[@]}" "${extra[@]}" \
      >"logs/$t-w$k.log" 2>&1 &
    pids+=($!)
  done
  total=0; bad=0
  for k in $(seq 1 "$WORKERS"); do
    rc=0; wait "${pids[$((k - 1))]}" || rc=$?
    e=$(execs_of "logs/$t-w$k.log"); total=$((total + ${e:-0}))
    say "$t worker $k: ${e:-?} executions, exit $rc, slowest input $(sed -n 's/^stat::slowest_unit_time_sec: *//p' "logs/$t-w$k.log") s, peak RSS $(sed -n 's/^stat::peak_rss_mb: *//p' "logs/$t-w$k.log") MB"
    if [ $rc -eq 72 ]; then
      say "$t worker $k: stopped by an interrupt (SIGINT; libFuzzer's -interrupted_exitcode), not a finding"
    elif [ $rc -ne 0 ]; then
      bad=1
      grep -E 'panicked|ERROR: libFuzzer|==fuzz==|Test unit written|SUMMARY' "logs/$t-w$k.log" | head -n 20 >&2 || true
    fi
  done
  say "$t: $total executions in all"
  [ $bad -eq 0 ] || { say "FAILED: $t (inputs in fuzz/artifacts/$t/, logs in fuzz/logs/)"; exit 1; }
  exit 0
fi

failed=()
for t in "${TARGETS[@]}"; do
  mkdir -p "$FUZZ/artifacts/$t"
  log=$FUZZ/logs/$t.log
  say "$t: $MODE, ${SECONDS_PER}s"
  flags "$t"
  set +e
  # shellcheck disable=SC2086 # FUZZ_ARGS: extra libFuzzer flags, split on spaces
  (cd "$FUZZ" && cargo fuzz run "${BUILD[@]}" "$t" -- \
    -max_total_time="$SECONDS_PER" "${FLAGS[@]}" ${FUZZ_ARGS:-}) >"$log" 2>&1
  rc=$?
  set -e
  execs=$(execs_of "$log")
  say "$t: ${execs:-?} executions, exit $rc"
  if [ $rc -ne 0 ]; then
    failed+=("$t")
    grep -E 'panicked|ERROR: libFuzzer|==fuzz==|Test unit written|SUMMARY' "$log" | head -n 20 >&2 || true
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  say "FAILED: ${failed[*]} (inputs in fuzz/artifacts/, logs in fuzz/logs/)"
  exit 1
fi
say "OK: ${TARGETS[*]}"
