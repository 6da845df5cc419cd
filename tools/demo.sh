#!/usr/bin/env bash
# Tells shelfnode's story end to end against the bundled Wix emulator over HTTPS (nothing
# here reaches the internet or a real Wix store): a shop with two warehouses that count for
# the web shop and a depot that does not, connecting to the store, the catalogue, a
# stocktake, the till (good, bad and unknown barcodes), an online order, an outage, a sale
# past zero, a crash in the middle of a burst of scans, the device and Wix side by side, and
# the device unattended: the daemon reading a serial scanner and syncing on its own.
# Usage: tools/demo.sh            (builds into build/demo, uses fresh temp dirs)
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/lib/deps.sh
shelfnode_install_deps "${SHELFNODE_RUNTIME_DEPS[@]}"

# Ninja's "[n/N] Building ..." lines as one progress line on a terminal (every tenth elsewhere, e.g.
# in a CI log); anything else it prints (a compiler error) is shown as it is.
build_progress() {
  local line done_n total shown=-1
  while IFS= read -r line; do
    if [[ $line =~ ^\[([0-9]+)/([0-9]+)\]\ (Building|Linking) ]]; then
      done_n=${BASH_REMATCH[1]} total=${BASH_REMATCH[2]}
      if [[ -t 1 ]]; then
        printf '\r   %d of %d build steps done' "$done_n" "$total"
      elif ((done_n * 10 / total != shown)); then
        shown=$((done_n * 10 / total))
        printf '   %d of %d build steps done\n' "$done_n" "$total"
      fi
    elif [[ $line != "ninja: no work to do." && ! $line =~ ^\[[0-9]+/[0-9]+\] ]]; then
      printf '\n%s\n' "$line"
    fi
  done
  if [[ -t 1 && -n ${total:-} ]]; then printf '\n'; fi
}

echo "== building shelfnode (Release) into build/demo"
if [[ ! -x build/demo/firmware/shelfnode ]]; then
  echo "   the first build takes about 2 minutes on 2 cores; later runs only rebuild what changed"
fi
cmake -S . -B build/demo -G Ninja -DCMAKE_BUILD_TYPE=Release -DSHELFNODE_TESTS=OFF \
  -DSHELFNODE_BENCH=OFF >/dev/null
cmake --build build/demo --target shelfnode shelfnoded 2>&1 | build_progress
bin=$PWD/build/demo/firmware/shelfnode
tmp=$(mktemp -d /tmp/shelfnode-demo-XXXXXX)
emu_pid=
scan_pid=
daemon_pid=
scanner_pid=
cleanup() {
  [[ -n $scan_pid ]] && kill -9 "$scan_pid" 2>/dev/null || true
  [[ -n $daemon_pid ]] && kill -9 "$daemon_pid" 2>/dev/null || true
  [[ -n $scanner_pid ]] && kill -9 "$scanner_pid" 2>/dev/null || true
  if [[ -n $emu_pid ]]; then
    kill "$emu_pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$emu_pid" 2>/dev/null || break; sleep 0.05; done
    kill -9 "$emu_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
export SHELFNODE_DATA_DIR=$tmp/device
export WIX_EMULATOR_STATE=$tmp/wix  # where tools/demo/wix.py finds the emulator
site=f9fbab61-c968-41d2-a177-78dc40ab8c1c  # the v1_store.json fixture: a Catalog V1 store
api_key=IST.v1-full-access-3f9a               # ... and its full-access API key

step() { printf '\n== %s\n' "$*"; }
say() { printf -- '-> %s\n' "$*"; }
# Shows a command, then its output; the log lines (ts=...) on stderr are left out, the
# errors a person must read are kept.
show() {
  printf '$ shelfnode %s\n' "$*"
  local rc=0
  "$bin" "$@" 2>"$tmp/stderr" || rc=$?
  grep -v '^ts=' "$tmp/stderr" >&2 || true
  ((rc == 0)) || echo "(exit $rc)"
}
# A clerk's scans: the lines, then the command and its replies (one per line).
scans() {
  local lines=$1; shift
  printf '%s' "$lines" | sed 's/^/   scanned: /'
  printf '$ shelfnode scan %s\n' "$*"
  local rc=0
  printf '%s' "$lines" | "$bin" scan "$@" 2>/dev/null || rc=$?
  ((rc == 0)) || echo "(exit $rc: some scans were refused, see the ERR lines; the rest are stored)"
}
wix() {
  printf '$ tools/demo/wix.py %s\n' "$*"
  python3 tools/demo/wix.py "$@"
}

step "1. The web shop: the bundled Wix emulator on 127.0.0.1 (HTTPS, its own test CA)"
printf '$ python3 tools/wix-emulator/emulator.py --fixture tools/wix-emulator/fixtures/v1_store.json --port 0 --state-dir %s\n' "$tmp/wix"
python3 tools/wix-emulator/emulator.py --fixture tools/wix-emulator/fixtures/v1_store.json \
  --port 0 --state-dir "$tmp/wix" >"$tmp/wix.out" 2>"$tmp/wix.log" &
emu_pid=$!
for _ in $(seq 1 300); do
  [[ -s $tmp/wix.out ]] && break
  kill -0 "$emu_pid" 2>/dev/null || { cat "$tmp/wix.log" >&2; exit 69; }
  sleep 0.1
done
ready= url= ca=
read -r ready url ca <"$tmp/wix.out" || true
if [[ $ready != READY ]]; then
  echo "the Wix emulator did not start:" >&2
  cat "$tmp/wix.log" >&2
  exit 69
fi
ca=${ca#ca=}
echo "$ready $url ca=$ca"
wix stock

step "2. A new device: data dir and warehouses (shop and backroom count for the web shop, depot does not)"
show init
show warehouse add shop --mapped
show warehouse add backroom --mapped
show warehouse add depot
show warehouse list

step "3. Connect to the Wix store: the site and every permission the device needs are checked live"
printf '%s\n' "$api_key" >"$tmp/wix-api-key"
chmod 600 "$tmp/wix-api-key"
say "the API key from the Wix API Keys Manager is saved in a file only its owner can read (mode 0600)"
show connect --site-id "https://manage.wix.com/dashboard/$site/home" \
  --api-key-file "$tmp/wix-api-key" --base-url "$url" --ca-file "$ca"

step "4. The catalogue from Wix, cached for lookups while offline"
show catalog pull
say "three counts, three things: Wix has 7 products; between them 11 variants (sizes, colours),"
say "10 of them with a SKU (the olive tote has none, so it is left out); the two glove colours"
say "share GLOVE-STD, so 9 different SKUs end up in the catalogue"
say "Wix Catalog V1 keeps no barcodes: import the shop's barcode list for the SKUs it sells"
show catalog import tools/demo/barcodes.csv
say "6 new barcode rows for SKUs already pulled from Wix: still 9 SKUs"
show catalog find 4006381333931

step "5. Opening stocktake: only SKUs counted in a mapped warehouse are ever pushed to Wix"
scans $'4006381333931*4\n036000291452\nTOTE-NAT*8\n96385074*6\n' --warehouse shop --mode count
say "in count mode each scan of the same item adds one: three aprons scanned = 3"
scans $'OAK-SHELF-60*6\n4006381333948\n4006381333948\n4006381333948\n' --warehouse backroom --mode count
show receive OAK-SHELF-60 20 --warehouse depot
show stock

step "6. First sync: Wix is read once, then only the differences are sent"
show sync
say "exit 65: the round did all it could; the mug is parked (Wix does not count its stock), and only the owner can change that"
say "The owner turns on inventory tracking for the mug in the Wix dashboard, then:"
wix track MUG-HT
show catalog pull
show sync --retry-parked

step "7. The till: a clerk scans (each reply comes only after the scan is on disk)"
scans $'4006381333931\n4006381333948*2\n4006381333932\nGIFT-CARD\n96385074\n' --warehouse shop --mode sell
say "4006381333932 has a wrong check digit and GIFT-CARD is not in the catalogue: refused, nothing stored"

step "8. Meanwhile a customer buys two oak shelves in the web shop"
wix checkout OAK-SHELF-60 2

step "9. The internet goes down"
wix outage start
say "a sync now retries with backoff for a few seconds, then stops with exit 75 (try again later)"
show sync
say "nothing changed in Wix (every call was refused with 503) and nothing is lost on the device"
say "the shop keeps working offline: a delivery is booked into the backroom (a GS1 code with a count of 6)"
scans $'(01)05012345678900(30)6\n' --warehouse backroom --mode receive
show stock
say "APRON-S at -2 in the shop: two were sold at the till that were booked into the backroom"
say "(3 there); Wix is told the sum of the mapped warehouses, 1. CONFIRMED is what Wix held when"
say "it was last reached: the pending changes go out once it is back"

step "10. The internet is back"
wix outage end
show sync
say "the online order became a sale in the shop; Wix had already taken it off, so it is not sent twice"
say "(later rounds fetch that order again, as the newest one seen, and say 'no new online orders')"
show stock OAK-SHELF-60

step "11. A sale past zero: 3 aprons (L) sold at the till, only 1 was booked in"
show sell APRON-L 3 --warehouse shop
say "shop + backroom = -2: two aprons left the shop that the device never saw come in (a delivery"
say "not booked in yet, or a miscount). The shelf is the truth: the ledger keeps -2, so the"
say "delivery, once booked in, comes out right; Wix cannot show less than nothing: it is sent"
say "max(0, -2) = 0 and stops selling the apron online"
show sync

step "12. Power cut in the middle of a burst: kill -9 while scans stream in"
coproc SCAN { exec "$bin" scan --warehouse backroom --mode receive 2>/dev/null; }
scan_pid=$SCAN_PID
exec {to_scan}>&"${SCAN[1]}" {from_scan}<&"${SCAN[0]}"  # bash drops SCAN[] when it dies
disown "$scan_pid"  # its death is the point of this step, not news for the job table
# 2,000 scans arrive in one burst (they fit in the pipe). The process is killed as soon as
# the first reply is back, while it is still committing the rest.
for _ in $(seq 1 2000); do echo BRACKET-CI; done >&"$to_scan"
acked=0
read -r -t 30 line <&"$from_scan" && [[ $line == OK* ]] && acked=1
kill -9 "$scan_pid"
while read -r -t 1 line <&"$from_scan"; do [[ $line == OK* ]] && acked=$((acked + 1)); done
while kill -0 "$scan_pid" 2>/dev/null; do sleep 0.05; done
exec {to_scan}>&- {from_scan}<&-
scan_pid=
echo "2,000 brackets scanned in one burst; acknowledged before the kill: $acked"
show stock BRACKET-CI
say "every acknowledged scan is on disk: the backroom holds at least $acked, never less"

step "13. Back to normal: sync, then the device and Wix side by side"
show sync
printf '$ shelfnode stock --json | tools/demo/wix.py table\n'
"$bin" stock --json 2>/dev/null | python3 tools/demo/wix.py table

step "14. Unattended: \`shelfnode daemon\` reads the till's scanner and keeps Wix in step"
mkfifo "$tmp/scans"
python3 tools/demo/scanner.py "$tmp/scanner-till" <"$tmp/scans" &
scanner_pid=$!
exec {to_scanner}>"$tmp/scans"
for _ in $(seq 1 100); do [[ -L $tmp/scanner-till ]] && break; sleep 0.05; done
python3 - "$SHELFNODE_DATA_DIR/config.json" "$tmp/scanner-till" <<'PY'
import json, sys
path, scanner = sys.argv[1], sys.argv[2]
with open(path, encoding="utf-8") as f:
    config = json.load(f)
config["scanners"] = [{"name": "till", "source": "serial:" + scanner, "warehouse": "shop",
                       "mode": "sell"}]
config["sync"] = {"settle_seconds": 2, "interval_seconds": 300}
with open(path, "w", encoding="utf-8") as f:
    json.dump(config, f, indent=2)
print('config.json "scanners": ' + json.dumps(config["scanners"]))
print('config.json "sync":     ' + json.dumps(config["sync"]))
PY
say "a USB serial scanner (a pseudo-terminal here; on a device /dev/ttyACM0, or the stable name"
say "the udev rule gives it) sells into the shop; a round runs 2 s after scans settle"
printf '$ shelfnode daemon   (in the background; systemd runs it on a device)\n'
"$bin" daemon >"$tmp/daemon.out" 2>"$tmp/daemon.log" &
daemon_pid=$!
for _ in $(seq 1 100); do grep -q 'event=daemon.ready' "$tmp/daemon.log" && break; sleep 0.05; done
grep 'event=daemon.ready' "$tmp/daemon.log" | sed 's/^/   log: /'
for _ in $(seq 1 200); do grep -q 'event=round.end work=catalog_pull' "$tmp/daemon.log" && break; sleep 0.1; done
show status
before=$(python3 tools/demo/wix.py qty OAK-SHELF-60)
say "the clerk scans two oak shelves (Wix shows $before now)"
printf 'OAK-SHELF-60\nOAK-SHELF-60\n' >&"$to_scanner"
for _ in $(seq 1 100); do (($(grep -c '^OK ' "$tmp/daemon.out") >= 2)) && break; sleep 0.05; done
sed 's/^/   till: /' "$tmp/daemon.out"
wix wait OAK-SHELF-60 $((before - 2))

say "the network goes away; the till keeps working"
wix outage start
printf 'OAK-SHELF-60\n' >&"$to_scanner"
for _ in $(seq 1 100); do (($(grep -c '^OK ' "$tmp/daemon.out") >= 3)) && break; sleep 0.05; done
tail -n 1 "$tmp/daemon.out" | sed 's/^/   till: /'
for _ in $(seq 1 300); do grep -q 'event=round.end work=sync exit=75' "$tmp/daemon.log" && break; sleep 0.1; done
grep 'event=round.end work=sync exit=75' "$tmp/daemon.log" | head -n 2 | sed 's/^/   log: /'
say "the round could not reach Wix (exit 75): the daemon tries again with a growing, jittered wait"
wix outage end
wix wait OAK-SHELF-60 $((before - 3)) 90

say "the owner presses \"sync now\": \`shelfnode sync\` asks the daemon, which runs the round"
show sync
printf '$ kill -TERM %s   (systemctl stop shelfnode)\n' "$daemon_pid"
kill -TERM "$daemon_pid"
rc=0
wait "$daemon_pid" || rc=$?
daemon_pid=
grep 'event=daemon.stopped' "$tmp/daemon.log" | sed 's/^/   log: /'
echo "(the daemon exited $rc: every scan it read was booked and answered first)"
exec {to_scanner}>&-
wait "$scanner_pid" 2>/dev/null || true
scanner_pid=

step "15. An update over the air: a signed release is installed, a forged one is refused"
ota=$tmp/opt-shelfnode                 # the install root; /opt/shelfnode on a device
mkdir -p "$ota/factory/bin" "$tmp/ota-keys" "$tmp/release/bin"
cp "$bin" "$PWD/build/demo/firmware/shelfnoded" "$ota/factory/bin/"
echo 1.0.0 >"$ota/factory/VERSION"
ln -s factory "$ota/current"
export SHELFNODE_INSTALL_ROOT=$ota SHELFNODE_OTA_KEYS=$tmp/ota-keys
say "the integrator's release key (openssl; only its public half goes on the device)"
openssl ecparam -genkey -name prime256v1 -noout -out "$tmp/release.key.pem"
openssl ec -in "$tmp/release.key.pem" -pubout -out "$tmp/ota-keys/release-2027.pem" 2>/dev/null
cp "$bin" "$PWD/build/demo/firmware/shelfnoded" "$tmp/release/bin/"
printf '$ tools/ota-bundle.sh --tree release/ --out bundle-1.1.0 --key release.key.pem --version 1.1.0 --tar\n'
tools/ota-bundle.sh --tree "$tmp/release" --out "$tmp/bundle-1.1.0" --key "$tmp/release.key.pem" \
  --version 1.1.0 --expires-days 30 --tar >/dev/null
say "someone changes one byte of the program in a copy of the bundle after it was signed"
cp -R "$tmp/bundle-1.1.0" "$tmp/forged-1.1.0"
printf 'X' | dd of="$tmp/forged-1.1.0/bin/shelfnoded" bs=1 seek=4096 conv=notrunc status=none
show ota install "$tmp/forged-1.1.0"
say "and one signed with a key the device does not trust"
openssl ecparam -genkey -name prime256v1 -noout -out "$tmp/rogue.key.pem"
tools/ota-bundle.sh --tree "$tmp/release" --out "$tmp/rogue-1.1.0" --key "$tmp/rogue.key.pem" \
  --version 1.1.0 --expires-days 30 >/dev/null
show ota install "$tmp/rogue-1.1.0"
say "the real one, from the USB stick's tar: checked, copied into slot a, started on trial"
show ota install "$tmp/bundle-1.1.0.tar"
show ota boot-check
show ota status
say "on a device the daemon now starts from slot a; once it passes its health check the unit"
say "marks the slot good (ExecStartPost), which raises the version floor. By hand:"
show ota mark-good
show ota status
unset SHELFNODE_INSTALL_ROOT SHELFNODE_OTA_KEYS
