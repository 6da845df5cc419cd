#!/usr/bin/env bash
# footprint.sh: the footprint report of one or more shelfnode builds (tools/bench/README.md,
# "Footprint report", says what each figure is and how it is measured).
#
#   tools/bench/footprint.sh [--bench-dir DIR] [--quick] [--dir BASE] [LABEL=]BUILD_DIR...
#
# Each BUILD_DIR is a configured CMake/Ninja build with firmware/shelfnode and
# firmware/shelfnoded in it; LABEL names its column (default: the directory's name). With no
# BUILD_DIR: build/gcc as "debian", then build/device and every build/cross/BOARD/PROFILE
# that exist. Per build: the stripped size of both binaries, split by a link map into own code,
# the static C++ runtime and each static library; the shared-library closure and what of it
# is mapped; idle RSS of `scan` and of `daemon`; and, unless --quick, the peak RSS of one
# HTTPS call, of the 100k-SKU V1 and V3 catalog pulls and of the week-offline reconnect,
# through bench_catalog_pull and bench_week_offline of --bench-dir (default build/gcc, a
# build with -DSHELFNODE_BENCH=ON), run against the build's own binary. Memory is measured
# only for builds that run on this machine. Goals (the device profile's) are marked
# met / not met for every build. Exits 0 when the report was made, whatever the goals say;
# 64 on bad arguments; 69 when something it needs is missing.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
bench_dir="$root/build/gcc"
quick=0
base="${TMPDIR:-/tmp}"
builds=()

usage() {
  [[ -n "${1:-}" ]] && echo "footprint.sh: $1" >&2
  sed -n '4p' "$0" | sed 's/^# *//' >&2
  exit 64
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --bench-dir) [[ $# -ge 2 ]] || usage "--bench-dir needs a directory"; bench_dir=$2; shift 2 ;;
    --dir) [[ $# -ge 2 ]] || usage "--dir needs a directory"; base=$2; shift 2 ;;
    --quick) quick=1; shift ;;
    -h|--help) usage ;;
    -*) usage "unknown option $1" ;;
    *) builds+=("$1"); shift ;;
  esac
done

if [[ ${#builds[@]} -eq 0 ]]; then
  [[ -d "$root/build/gcc" ]] && builds+=("debian=$root/build/gcc")
  [[ -d "$root/build/device" ]] && builds+=("device=$root/build/device")
  # tools/cross-test.sh builds in build/cross/BOARD/PROFILE.
  for d in "$root"/build/cross/*/*/; do
    [[ -x "$d/firmware/shelfnode" ]] && builds+=("$(basename "$(dirname "$d")")-$(basename "$d")=${d%/}")
  done
  [[ ${#builds[@]} -gt 0 ]] || usage "no build directory given and none found under build/"
fi

for tool in python3 readelf; do
  command -v "$tool" >/dev/null || { echo "footprint.sh: $tool is needed" >&2; exit 69; }
done

work=$(mktemp -d "$base/footprint.XXXXXX")
children=()
cleanup() {
  for pid in "${children[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${children[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

declare -A cell    # cell[label,row] = text
# The rows in the order printed; a row no build has is left out.
rows=("machine")
for t in shelfnode shelfnoded; do
  rows+=("$t stripped")
  [[ $t == shelfnode ]] && rows+=("goal shelfnode stripped, libcurl and mbedTLS counted apart, <= 800 KB")
  for c in "own code" "static C++ runtime (libstdc++, libgcc)" "static libcurl" "static mbedTLS" \
      "static SQLite" "static cJSON" "C start-up files" "linker: PLT, GOT, dynamic tables, padding"; do
    rows+=("  $t: $c")
  done
done
rows+=("shelfnode: shared libraries (NEEDED, recursively), file sizes"
  "shelfnoded: shared libraries (NEEDED, recursively), file sizes"
  "idle scan: VmRSS (VmHWM)" "idle scan: of it, shared libraries resident"
  "goal idle scan <= 5 MB (4.77 MiB)" "idle daemon: VmRSS (VmHWM) after READY"
  "goal idle daemon <= 5 MB (4.77 MiB)" "peak: one HTTPS call (wix call GET)"
  "peak: 100k-SKU V1 catalog pull" "peak: 100k-SKU V3 catalog pull"
  "goal 100k pulls <= 9 MB (8.58 MiB)" "peak: week-offline reconnect (10k SKUs)"
  "goal week-offline <= 12 MB (11.44 MiB)")
add_row() { local r; for r in "${rows[@]}"; do [[ $r == "$1" ]] && return; done; rows+=("$1"); }
put() { add_row "$2"; cell["$1,$2"]=$3; }

kb() { awk -v b="$1" 'BEGIN { printf (b < 10000 ? "%.1f KB" : "%.0f KB"), b / 1000 }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }
# Goals are decimal, as the issue writes them: 800 KB = 800,000 bytes, 5 MB = 5,000,000 bytes.
goal() {  # value limit -> "met" / "NOT met"
  awk -v v="$1" -v l="$2" 'BEGIN { print (v <= l ? "met" : "NOT met") }'
}

cache_value() {  # build_dir VAR -> its value in CMakeCache.txt, or ""
  sed -n "s/^$2:[A-Z]*=//p" "$1/CMakeCache.txt" 2>/dev/null | head -n1
}

machine_of() { readelf -h "$1" | sed -n 's/^ *Machine: *//p'; }

# Re-links `target` with a link map, exactly as the build links it, into $work.
link_map() {  # build_dir target out_prefix
  local cmd
  cmd=$(cd "$1" && ninja -t commands "$2" 2>/dev/null | tail -n1) || return 1
  [[ $cmd == *"-o $2 "* ]] || return 1
  cmd=${cmd//"-o $2 "/"-o $3.bin -Wl,-Map=$3.map "}
  (cd "$1" && eval "$cmd") >"$3.link.log" 2>&1
}

# The shared libraries `bin` needs, recursively, resolved in `dirs` (one path per line).
closure() {  # bin sysroot
  local multiarch dirs=() seen=() queue=() lib f d
  multiarch=$(cc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)
  case "$(machine_of "$1")" in
    AArch64) multiarch=aarch64-linux-gnu ;;
    ARM) multiarch=arm-linux-gnueabihf ;;
  esac
  for d in /lib/$multiarch /usr/lib/$multiarch /lib /usr/lib; do dirs+=("$2$d"); done
  mapfile -t queue < <(readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
  while [[ ${#queue[@]} -gt 0 ]]; do
    lib=${queue[0]}; queue=("${queue[@]:1}")
    [[ " ${seen[*]} " == *" $lib "* ]] && continue
    seen+=("$lib")
    f=""
    for d in "${dirs[@]}"; do [[ -e "$d/$lib" ]] && { f=$(readlink -f "$d/$lib"); break; }; done
    if [[ -z $f ]]; then echo "$lib (not found)"; continue; fi
    echo "$f"
    mapfile -t -O "${#queue[@]}" queue < <(readelf -d "$f" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
  done
}

# Resident KiB of file mappings of `pid` that are shared libraries (smaps).
mapped_libs_kib() {
  awk '/^[0-9a-f]+-[0-9a-f]+ / { lib = ($6 ~ /\.so/) } /^Rss:/ && lib { s += $2 } END { print s + 0 }' \
    "/proc/$1/smaps"
}

status_kib() { sed -n "s/^$2:[[:space:]]*\([0-9]*\) kB/\1/p" "/proc/$1/status"; }

wait_for_line() {  # file text seconds
  local i
  for ((i = 0; i < $3 * 20; i++)); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    sleep 0.05
  done
  return 1
}

# Idle `scan` (a session waiting on stdin) and `daemon` (after READY), offline.
idle_memory() {  # label bin
  local d="$work/$1.idle" pid hwm rss libs
  mkdir -p "$d"
  "$2" --data-dir "$d/data" init >"$d/init.log" 2>&1
  "$2" --data-dir "$d/data" warehouse add shop --mapped >>"$d/init.log" 2>&1
  mkfifo "$d/stdin"
  "$2" --data-dir "$d/data" scan --warehouse shop --mode receive <"$d/stdin" >"$d/scan.out" \
    2>"$d/scan.err" &
  pid=$!
  children+=("$pid")
  exec 3>"$d/stdin"
  if wait_for_line "$d/scan.err" "event=scan.start" 10; then
    sleep 1
    rss=$(status_kib "$pid" VmRSS); hwm=$(status_kib "$pid" VmHWM); libs=$(mapped_libs_kib "$pid")
    put "$1" "idle scan: VmRSS (VmHWM)" "$(mib "$rss") ($(mib "$hwm"))"
    put "$1" "idle scan: of it, shared libraries resident" "$(mib "$libs")"
    put "$1" "goal idle scan <= 5 MB (4.77 MiB)" "$(goal $((hwm * 1024)) 5000000)"
  else
    put "$1" "idle scan: VmRSS (VmHWM)" "did not start (see $d/scan.err)"
  fi
  exec 3>&-
  wait "$pid" || true

  "$2" --data-dir "$d/data" daemon >"$d/daemon.out" 2>"$d/daemon.err" &
  pid=$!
  children+=("$pid")
  if wait_for_line "$d/daemon.err" "event=daemon.ready" 10; then
    sleep 1
    rss=$(status_kib "$pid" VmRSS); hwm=$(status_kib "$pid" VmHWM)
    put "$1" "idle daemon: VmRSS (VmHWM) after READY" "$(mib "$rss") ($(mib "$hwm"))"
    put "$1" "goal idle daemon <= 5 MB (4.77 MiB)" "$(goal $((hwm * 1024)) 5000000)"
  else
    put "$1" "idle daemon: VmRSS (VmHWM) after READY" "not ready (see $d/daemon.err)"
  fi
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" || true
}

# One HTTPS call and the 100k pulls (bench_catalog_pull), the reconnect (bench_week_offline).
peaks() {  # label bin
  local log="$work/$1.pull.log" v1 v3 one week
  echo "  $1: catalog pulls (about 7 minutes, paced by the client's rate limit)" >&2
  if "$bench_dir/tools/bench/bench_catalog_pull" --shelfnode "$2" --dir "$work" --one-size \
      >"$log" 2>&1; then
    v1=$(sed -n 's/.*goal V1 [0-9]* SKUs: peak RSS <= [0-9]* MiB: [a-z ]* (\([0-9.]*\) MiB;.*/\1/p' "$log")
    v3=$(sed -n 's/.*goal V3 [0-9]* SKUs: peak RSS <= [0-9]* MiB: [a-z ]* (\([0-9.]*\) MiB;.*/\1/p' "$log")
    one=$(sed -n 's/.*goal V1 .*one call alone \([0-9.]*\) MiB.*/\1/p' "$log")
    put "$1" "peak: one HTTPS call (wix call GET)" "${one:-?} MiB"
    put "$1" "peak: 100k-SKU V1 catalog pull" "${v1:-?} MiB"
    put "$1" "peak: 100k-SKU V3 catalog pull" "${v3:-?} MiB"
    put "$1" "goal 100k pulls <= 9 MB (8.58 MiB)" \
      "$(goal "$(awk -v a="${v1:-1e9}" -v b="${v3:-1e9}" 'BEGIN { print (a > b ? a : b) * 1048576 }')" 9000000)"
    cp "$log" "$base/footprint-$1-catalog-pull.log"
  else
    put "$1" "peak: 100k-SKU V1 catalog pull" "bench failed (see footprint-$1-catalog-pull.log)"
    cp "$log" "$base/footprint-$1-catalog-pull.log"
  fi
  log="$work/$1.week.log"
  echo "  $1: week offline (about 3 minutes)" >&2
  if "$bench_dir/tools/bench/bench_week_offline" --shelfnode "$2" --dir "$work" >"$log" 2>&1; then
    week=$(sed -n 's/.*reconnect sync: [0-9.]* s wall, \([0-9.]*\) MiB peak RSS.*/\1/p' "$log")
    put "$1" "peak: week-offline reconnect (10k SKUs)" "${week:-?} MiB"
    put "$1" "goal week-offline <= 12 MB (11.44 MiB)" \
      "$(goal "$(awk -v a="${week:-1e9}" 'BEGIN { print a * 1048576 }')" 12000000)"
  else
    put "$1" "peak: week-offline reconnect (10k SKUs)" "bench failed (see footprint-$1-week.log)"
  fi
  cp "$log" "$base/footprint-$1-week.log"
}

report_build() {  # label dir
  local label=$1 dir=$2 bin strip_tool sysroot native=0 t parts line cat bytes total libs_bytes f part apart
  bin="$dir/firmware/shelfnode"
  [[ -x $bin ]] || { put "$label" "machine" "no firmware/shelfnode in $dir"; return; }
  put "$label" "machine" "$(machine_of "$bin")"
  [[ "$(machine_of "$bin")" == "$(machine_of /bin/sh)" ]] && native=1
  strip_tool=$(cache_value "$dir" CMAKE_STRIP); strip_tool=${strip_tool:-strip}
  sysroot=$(cache_value "$dir" CMAKE_SYSROOT)
  [[ -n $sysroot ]] || sysroot=$(cache_value "$dir" SHELFNODE_SYSROOT)  # boards/cross-sysroot.cmake
  for t in shelfnode shelfnoded; do
    [[ -x "$dir/firmware/$t" ]] || continue
    "$strip_tool" -o "$work/$label.$t.stripped" "$dir/firmware/$t"
    bytes=$(stat -c %s "$work/$label.$t.stripped")
    put "$label" "$t stripped" "$(kb "$bytes")"
    # The goal is the binary without the static libcurl and mbedTLS, which the issue counts
    # separately (the debian profile links neither, so there it is the whole binary).
    apart=0
    if link_map "$dir" "firmware/$t" "$work/$label.$t"; then
      while IFS=$'\t' read -r cat part; do
        put "$label" "  $t: $cat" "$(kb "$part")"
        [[ $cat == "static libcurl" || $cat == "static mbedTLS" ]] && apart=$((apart + part))
      done < <(python3 "$root/tools/bench/link_map_split.py" "$work/$label.$t.map")
      if [[ $t == shelfnode ]]; then
        put "$label" "goal shelfnode stripped, libcurl and mbedTLS counted apart, <= 800 KB" "$(goal $((bytes - apart)) 800000) ($(kb $((bytes - apart))))"
      fi
    else
      put "$label" "  $t: split" "no link map (not a Ninja build?)"
    fi
  done
  for t in shelfnode shelfnoded; do
    [[ -x "$dir/firmware/$t" ]] || continue
    total=0; libs_bytes=""
    while read -r f; do
      if [[ -f $f ]]; then
        total=$((total + $(stat -c %s "$f")))
        libs_bytes+="$(basename "$f") "
      else
        libs_bytes+="$f "
      fi
    done < <(closure "$dir/firmware/$t" "$sysroot")
    put "$label" "$t: shared libraries (NEEDED, recursively), file sizes" \
      "$(echo "$libs_bytes" | wc -w) files, $(kb "$total")"
    echo "$label $t: ${libs_bytes:-none}" >>"$work/closures.txt"
  done
  if [[ $native -eq 0 ]]; then
    put "$label" "idle scan: VmRSS (VmHWM)" "not measured: not this machine's architecture"
    return
  fi
  idle_memory "$label" "$bin"
  if [[ $quick -eq 0 ]]; then peaks "$label" "$bin"; fi
}

labels=()
for b in "${builds[@]}"; do
  if [[ $b == *=* ]]; then label=${b%%=*}; dir=${b#*=}; else dir=$b; label=$(basename "$b"); fi
  [[ -d $dir ]] || usage "$dir is not a directory"
  dir=$(cd "$dir" && pwd)
  labels+=("$label")
  echo "footprint: $label ($dir)" >&2
  report_build "$label" "$dir"
done

if [[ $quick -eq 0 && -x "$bench_dir/tools/bench/peak_rss_check" ]]; then
  if "$bench_dir/tools/bench/peak_rss_check" >"$work/check.log" 2>&1; then
    rss_check="passed"
  else
    rss_check="FAILED"
  fi
else
  rss_check="not run"
fi

echo "# shelfnode footprint, $(date -u +%Y-%m-%d), $(uname -m), $(nproc) cores, $(uname -r)"
printf '| %s |' "figure"; for l in "${labels[@]}"; do printf ' %s |' "$l"; done; echo
printf '|---|'; for _ in "${labels[@]}"; do printf -- '---|'; done; echo
for r in "${rows[@]}"; do
  line="| $r |"; any=0
  for l in "${labels[@]}"; do
    v=${cell["$l,$r"]:-}
    [[ -n $v ]] && any=1
    line+=" $v |"
  done
  [[ $any -eq 1 ]] && echo "$line"
done
echo
echo "shared libraries, recursively (NEEDED):"
sed 's/^/  /' "$work/closures.txt"
echo "peak RSS method check (peak_rss_check: 1 and 8 MiB children of a 24 MiB parent): $rss_check"
[[ -f "$work/check.log" ]] && sed 's/^/  /' "$work/check.log"
exit 0
