#!/usr/bin/env bash
# Builds shelfnode with GCC and with Clang (-Wall -Wextra -Wpedantic -Werror), runs the whole
# suite on each, and runs the Wix emulator's own tests. The Clang build is the ASan+UBSan one:
# it proves Clang accepts every target and runs the suite under the sanitizers, in the time
# a 2-core CI machine allows.
# Last, a short libFuzzer run of every harness in tests/fuzz (tools/fuzz.sh), each counted as
# one test.
# Usage: tools/test.sh [--quick | --all]
#   --quick  the GCC build and its suite only
#   SHELFNODE_FUZZ_SECONDS  seconds per fuzz harness (default 10; two run at a time)
#   --all    also a plain Clang release build and its suite, the device profile (static
#            mbedTLS libcurl from tools/device-deps.sh, -Os, LTO) and its suite, and the
#            raspberrypi-arm64 cross build with its unit tests under qemu
#            (tools/cross-test.sh); before a release
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/lib/deps.sh
shelfnode_install_deps "${SHELFNODE_RUNTIME_DEPS[@]}" "${SHELFNODE_TEST_DEPS[@]}"

mode=default
case ${1:-} in
  --quick) mode=quick ;;
  --all) mode=all ;;
  "") ;;
  *)
    echo "usage: tools/test.sh [--quick | --all]" >&2
    exit 64
    ;;
esac
started=$SECONDS
jobs=$(nproc)
passed=0
failed=0

# build_and_test NAME CC CXX [cmake args...]
build_and_test() {
  local name=$1 cc=$2 cxx=$3
  shift 3
  local dir="build/$name"
  echo "=== $name: configure + build ($cxx) [$((SECONDS - started)) s]"
  CC=$cc CXX=$cxx cmake -S . -B "$dir" -G Ninja "$@" >/dev/null
  cmake --build "$dir" -j "$jobs"
  echo "=== $name: test [$((SECONDS - started)) s]"
  local log="$dir/ctest.log" rc=0
  (cd "$dir" && ctest -j "$jobs" --output-on-failure --timeout 600) 2>&1 | tee "$log" || rc=$?
  local total fails
  total=$(sed -nE 's/.*tests passed, ([0-9]+) tests failed out of ([0-9]+).*/\2/p' "$log" | tail -1)
  fails=$(sed -nE 's/.*tests passed, ([0-9]+) tests failed out of ([0-9]+).*/\1/p' "$log" | tail -1)
  passed=$((passed + ${total:-0} - ${fails:-0}))
  failed=$((failed + ${fails:-1}))
  return $rc
}

status=0
# The pinned Wix SDK packages (npm ci) for the conformance tests; CTest checks them again.
echo "=== wix sdk: npm ci [$((SECONDS - started)) s]"
tests/conformance/wix-sdk/install.sh || status=1
# -O2 without debug info: the optimiser's warnings, a third less compile time than with -g.
# (The sanitizer build keeps -g: its reports name file and line.)
build_and_test gcc gcc g++ -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_FLAGS_RELEASE="-O2 -DNDEBUG" \
  -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" || status=1
if [[ $mode != quick ]]; then
  build_and_test asan clang clang++ -DCMAKE_BUILD_TYPE=Debug -DSHELFNODE_SANITIZE=ON \
    -DSHELFNODE_BENCH=OFF || status=1
fi
if [[ $mode == all ]]; then
  build_and_test clang clang clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSHELFNODE_BENCH=OFF || status=1
  # The device profile's libraries are built once and cached in build/device-deps (README.md
  # "Build profiles"); a rerun with unchanged inputs only prints the prefix. Only in --all:
  # the device build is a third whole build (fat LTO objects, -Os) plus a third suite run,
  # more than the default run's 20-minute CI budget has left.
  echo "=== device: libraries (tools/device-deps.sh) [$((SECONDS - started)) s]"
  if device_args=$(tools/device-deps.sh --jobs "$jobs" | tee /dev/stderr | tail -1); then
    build_and_test device gcc g++ -DCMAKE_BUILD_TYPE=MinSizeRel -DSHELFNODE_PROFILE=device \
      "$device_args" -DSHELFNODE_BENCH=OFF || status=1
  else
    status=1
    failed=$((failed + 1))
  fi
fi

# One ARM target, cross-built and unit-tested under qemu (boards/README.md): --all only, as
# its first run (sysroot and a cold build) alone would take the default run past 20 minutes.
if [[ $mode == all ]]; then
  echo "=== cross: tools/cross-test.sh raspberrypi-arm64 [$((SECONDS - started)) s]"
  if tools/cross-test.sh raspberrypi-arm64; then
    passed=$((passed + 1))
  else
    status=1
    failed=$((failed + 1))
  fi
fi

# python_suite TITLE DIR LOG: the Python unittest suite of the tool in DIR (its tests/), each
# test counted in the totals; nothing when the tool has no tests in this tree.
python_suite() {
  local title=$1 dir=$2 log=build/$3 n
  [[ -d $dir/tests ]] || return 0
  echo "=== $title: unittest [$((SECONDS - started)) s]"
  mkdir -p build
  if python3 -m unittest discover -s "$dir/tests" -t "$dir" 2>&1 | tee "$log"; then
    n=$(sed -nE 's/^Ran ([0-9]+) tests?.*/\1/p' "$log" | tail -1)
    passed=$((passed + ${n:-0}))
  else
    status=1
    failed=$((failed + 1))
  fi
}
python_suite "wix emulator" tools/wix-emulator emulator-tests.log
python_suite "hawkBit DDI test server" tools/hawkbit-ddi hawkbit-ddi-tests.log

if [[ $mode != quick ]]; then
  fuzz_seconds=${SHELFNODE_FUZZ_SECONDS:-10}
  echo "=== fuzz: build + ${fuzz_seconds} s per harness, 2 at a time [$((SECONDS - started)) s]"
  log=build/fuzz-step.log
  mkdir -p build
  rc=0
  SHELFNODE_FUZZ_JOBS=2 tools/fuzz.sh "$fuzz_seconds" 2>&1 | tee "$log" || rc=$?
  ok=$(grep -cE '^fuzz [a-z0-9_]+: ok,' "$log" || true)
  bad=$(grep -cE '^fuzz [a-z0-9_]+: (CRASH|FAILED)' "$log" || true)
  passed=$((passed + ok))
  failed=$((failed + bad))
  if ((rc != 0)); then
    status=1
    ((bad > 0)) || failed=$((failed + 1))  # the build itself failed
  fi
fi

echo
echo "tests: $passed passed, $failed failed [$((SECONDS - started)) s]"
exit $status
