#!/usr/bin/env bash
# Builds the benchmarks in Release and runs them all, then prints the goal lines.
#   tools/bench/run.sh [--dir BASE]     BASE: where the temporary data dirs go
#                                       (default $TMPDIR, else /tmp)
# Environment: BUILD_DIR (default build-bench), JOBS (default: number of cores).
# Full outputs are kept in $BUILD_DIR/bench-results/. Exit status is non-zero only when a
# benchmark could not run (a missed goal is a figure, not a failure).
set -euo pipefail
cd "$(dirname "$0")/../.."

dir_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dir) dir_args=(--dir "$2"); shift 2 ;;
    --dir=*) dir_args=(--dir "${1#--dir=}"); shift ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 64 ;;
  esac
done

build="${BUILD_DIR:-build-bench}"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DSHELFNODE_TESTS=OFF >/dev/null
cmake --build "$build" -j "${JOBS:-$(nproc)}" \
  --target shelfnode shelfnoded bench_scan_ack bench_scan_burst bench_lookup bench_gs1 \
  bench_catalog_pull bench_week_offline bench_storage_check bench_daemon >/dev/null

bin="$build/tools/bench"
out="$build/bench-results"
mkdir -p "$out"
status=0
run() {
  local name="$1"; shift
  echo "== $name"
  if ! "$bin/$name" "$@" 2>&1 | tee "$out/$name.txt"; then
    echo "run.sh: $name did not complete" >&2
    status=1
  fi
  echo
}
run bench_scan_ack "${dir_args[@]}"
run bench_scan_burst "${dir_args[@]}"
run bench_lookup "${dir_args[@]}"
run bench_gs1
run bench_storage_check "${dir_args[@]}"
# About 7 minutes: the client's own rate limit (200 requests/min) sets the pace.
run bench_catalog_pull "${dir_args[@]}"
# About 2 minutes, most of it the setup before going offline (paced by the same limit).
run bench_week_offline "${dir_args[@]}"
# About 2 minutes: cold starts, idle windows (one of 31 s for the watchdog), four scan phases.
run bench_daemon "${dir_args[@]}"

echo "== summary ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores)"
grep -h 'fs  ' "$out/bench_scan_ack.txt" | head -1 || true
grep -hE 'scan -> OK|write 100 B|ratio scan|goal|^find\/' "$out"/bench_scan_ack.txt "$out"/bench_scan_burst.txt \
  "$out"/bench_lookup.txt "$out"/bench_catalog_pull.txt || true
grep -hE 'goal|reconnect sync' "$out"/bench_week_offline.txt || true
grep -hE 'goal|summary' "$out"/bench_daemon.txt || true
grep -h '^interpret,' "$out"/bench_gs1.txt || true
exit "$status"
