#!/usr/bin/env bash
# The kill -9 soak: builds soak_kill9 in Release (in build-bench/, as tools/bench/run.sh
# does) and runs it: SIGKILL at KILL_POINTS points of scan sessions and sync rounds against
# the Wix emulator, then the figures (tools/bench/README.md, "Soak").
#   tools/soak.sh [KILL_POINTS] [SEED]    default 10000 points (about 13 minutes on 2 cores)
#   tools/soak.sh 200                     the quick mode (under a minute)
# Environment: BUILD_DIR (default build-bench), JOBS (default: number of cores), SOAK_DIR
# (where the temporary data dir goes; default $TMPDIR, else /tmp).
# Exit status: 0 when every invariant held, 1 when one broke (the seed and the command that
# replays it are printed), 64 on bad arguments. Not part of tools/test.sh: too long.
set -euo pipefail
cd "$(dirname "$0")/.."

points="${1:-10000}"
seed="${2:-}"
if [[ "$points" == -h || "$points" == --help ]]; then sed -n '2,11p' "$0"; exit 0; fi
if ! [[ "$points" =~ ^[1-9][0-9]*$ ]] || ! [[ -z "$seed" || "$seed" =~ ^[0-9]+$ ]] || [[ $# -gt 2 ]]; then
  echo "usage: tools/soak.sh [KILL_POINTS] [SEED]" >&2
  exit 64
fi

build="${BUILD_DIR:-build-bench}"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DSHELFNODE_TESTS=OFF >/dev/null
cmake --build "$build" -j "${JOBS:-$(nproc)}" --target shelfnode soak_kill9 >/dev/null

args=(--points "$points")
[[ -n "$seed" ]] && args+=(--seed "$seed")
[[ -n "${SOAK_DIR:-}" ]] && args+=(--dir "$SOAK_DIR")
exec "$build/tools/bench/soak_kill9" "${args[@]}"
