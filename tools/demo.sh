#!/usr/bin/env bash
# Tells shelfnode's offline story end to end: a shop with two mapped warehouses and one that
# does not count for the web shop, a catalog, scans (good, bad and unknown), a stocktake, a
# move, a sale past zero, and a crash in the middle of a burst of scans.
# Usage: tools/demo.sh            (builds into build/demo, uses a fresh temp data dir)
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/lib/deps.sh
shelfnode_install_deps "${SHELFNODE_RUNTIME_DEPS[@]}"

echo "== building shelfnode (Release) into build/demo"
cmake -S . -B build/demo -G Ninja -DCMAKE_BUILD_TYPE=Release -DSHELFNODE_TESTS=OFF \
  -DSHELFNODE_BENCH=OFF >/dev/null
cmake --build build/demo --target shelfnode >/dev/null
bin=$PWD/build/demo/firmware/shelfnode
data=$(mktemp -d /tmp/shelfnode-demo-XXXXXX)
scan_pid=
cleanup() {
  [[ -n $scan_pid ]] && kill -9 "$scan_pid" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT
export SHELFNODE_DATA_DIR=$data/device

step() { printf '\n== %s\n' "$*"; }
show() {
  printf '$ shelfnode %s\n' "$*"
  local rc=0
  "$bin" "$@" || rc=$?
  ((rc == 0)) || echo "(exit $rc)"
}

step "1. A new device: data dir, warehouses (shop and backroom count for the web shop, depot does not)"
show init
show warehouse add shop --mapped
show warehouse add backroom --mapped
show warehouse add depot
show warehouse list

step "2. The catalogue, cached for offline lookups (a Wix pull fills it once connected)"
show catalog import tools/demo/catalog.csv
show catalog find 04006381333931
show catalog find '(01)05012345678900(10)LOT42'

step "3. Deliveries arrive"
show receive MUG-BLUE 12 --warehouse backroom
show receive TEE-M 5 --warehouse shop
show receive CANDLE 30 --warehouse depot

step "4. The till: a clerk scans (one line per scan; each reply comes only after the scan is on disk)"
scans=$'4006381333931\n036000291452*2\n4006381333932\nGIFT-CARD\n(01)05012345678900(30)6\n'
printf '%s' "$scans" | sed 's/^/   scanned: /'
printf '$ shelfnode scan --warehouse shop --mode sell\n'
printf '%s' "$scans" | "$bin" scan --warehouse shop --mode sell 2>/dev/null || echo "(exit $? — some scans were refused, see ERR lines)"

step "5. A stocktake in the backroom by scanning each mug (3 scans = 3 mugs), and a move"
printf 'MUG-BLUE\nMUG-BLUE\nMUG-BLUE\n' | "$bin" scan --warehouse backroom --mode count 2>/dev/null
show move CANDLE 4 --from depot --to shop

step "6. What Wix will show: max(0, shop + backroom); depot never counts; a negative sum is sent as 0"
show stock

step "7. Power cut in the middle of a burst: kill -9 while scans stream in"
coproc SCAN { exec "$bin" scan --warehouse shop --mode receive 2>/dev/null; }
scan_pid=$SCAN_PID
exec {to_scan}>&"${SCAN[1]}" {from_scan}<&"${SCAN[0]}"  # bash drops SCAN[] when it dies
disown "$scan_pid"  # its death is the point of this step, not news for the job table
# 2,000 scans arrive in one burst (they fit in the pipe); the process is killed while it is
# still committing them.
for i in $(seq 1 2000); do echo CANDLE; done >&"$to_scan"
sleep 0.02
kill -9 "$scan_pid"
acked=0
while read -r -t 1 line <&"$from_scan"; do [[ $line == OK* ]] && acked=$((acked + 1)); done
while kill -0 "$scan_pid" 2>/dev/null; do sleep 0.05; done
exec {to_scan}>&- {from_scan}<&-
scan_pid=
echo "acknowledged before the kill: $acked scans of CANDLE into shop"
show stock CANDLE
echo "(shop held 4 before the burst: at least 4 + $acked must be there, never less)"

step "8. The device's own view"
show status
