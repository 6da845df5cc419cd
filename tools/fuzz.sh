#!/usr/bin/env bash
# Builds the libFuzzer harnesses of tests/fuzz (Clang, ASan+UBSan) in build/fuzz and runs
# each for SECONDS (default 300). The checked-in corpus tests/fuzz/corpus/<harness> is a
# read-only seed; what a run discovers goes to build/fuzz/corpus/<harness>, kept for the next
# run. Inputs in tests/fuzz/regressions/<harness> are replayed first. One line per harness;
# exits 1 if any harness crashed or broke an invariant (the line names the crash file).
# Usage: tools/fuzz.sh [SECONDS] [HARNESS...]
#   SHELFNODE_FUZZ_JOBS  harnesses run at the same time (default 2)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-300}
if [[ ! $seconds =~ ^[0-9]+$ ]] || ((seconds < 1)); then
  echo "usage: tools/fuzz.sh [SECONDS] [HARNESS...]" >&2
  exit 64
fi
(($# > 0)) && shift
all=()
for f in tests/fuzz/*_fuzzer.cpp; do
  f=${f##*/}
  all+=("${f%_fuzzer.cpp}")
done
harnesses=("$@")
((${#harnesses[@]} > 0)) || harnesses=("${all[@]}")
for h in "${harnesses[@]}"; do
  if [[ ! -f tests/fuzz/${h}_fuzzer.cpp ]]; then
    echo "unknown harness '$h' (have: ${all[*]})" >&2
    exit 64
  fi
done

source tools/lib/deps.sh
shelfnode_install_deps "${SHELFNODE_RUNTIME_DEPS[@]}" clang libclang-rt-14-dev  # libFuzzer

dir=build/fuzz
jobs=${SHELFNODE_FUZZ_JOBS:-2}
# -O1 and line tables only: fast enough to fuzz, quick to build, and reports name file:line.
CC=clang CXX=clang++ cmake -S . -B "$dir" -G Ninja -DSHELFNODE_FUZZ=ON -DSHELFNODE_TESTS=OFF \
  -DSHELFNODE_BENCH=OFF -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS_DEBUG="-O1 -gline-tables-only" \
  -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only" >/dev/null
targets=()
for h in "${harnesses[@]}"; do targets+=("fuzz_$h"); done
mkdir -p "$dir"
if ! ninja -C "$dir" -j 2 "${targets[@]}" >"$dir/build.log" 2>&1; then
  cat "$dir/build.log"
  exit 1
fi

# Flags a harness needs beyond the common ones.
extra_flags() {
  case $1 in
    line_reader) echo "-max_len=4096" ;;  # the reader's buffer is unbounded (known defect)
  esac
}

# run_one HARNESS: replays the regressions, then fuzzes; writes one result line.
run_one() {
  local h=$1 bin="$dir/tests/fuzz/fuzz_$1" out="$dir/runs/$1"
  local log="$out/fuzz.log" crashes="$out/crashes/" corpus="$dir/corpus/$1" rc=0
  rm -rf "$out"
  mkdir -p "$crashes" "$corpus"
  local regressions=(tests/fuzz/regressions/"$h"/*)
  if [[ -e ${regressions[0]} ]]; then
    if ! "$bin" -rss_limit_mb=2048 -timeout=10 "${regressions[@]}" >"$out/regressions.log" 2>&1; then
      echo "fuzz $h: FAILED a regression input (see $out/regressions.log)" >"$out/result"
      return
    fi
  fi
  # shellcheck disable=SC2046
  "$bin" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$crashes" $(extra_flags "$h") "$corpus" "tests/fuzz/corpus/$h" \
    >"$log" 2>&1 || rc=$?
  local execs rate
  execs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+).*/\1/p' "$log" | tail -1)
  rate=$(sed -nE 's/^stat::average_exec_per_sec: *([0-9]+).*/\1/p' "$log" | tail -1)
  if ((rc == 0)); then
    echo "fuzz $h: ok, ${execs:-0} executions (${rate:-0}/s)" >"$out/result"
  else
    local artifact
    artifact=$(sed -nE 's/.*Test unit written to (.*)$/\1/p' "$log" | tail -1)
    echo "fuzz $h: CRASH after ${execs:-?} executions: ${artifact:-no crash file} (log: $log)" \
      >"$out/result"
  fi
}

failed=0
running=0
for h in "${harnesses[@]}"; do
  if ((running >= jobs)); then
    wait -n || true
    running=$((running - 1))
  fi
  run_one "$h" &
  running=$((running + 1))
done
wait || true
for h in "${harnesses[@]}"; do
  result=$(cat "$dir/runs/$h/result" 2>/dev/null || echo "fuzz $h: FAILED (no result)")
  echo "$result"
  [[ $result == "fuzz $h: ok,"* ]] || failed=$((failed + 1))
done
echo "fuzz: $((${#harnesses[@]} - failed)) passed, $failed failed (${seconds} s each)"
((failed == 0))
