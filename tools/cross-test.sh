#!/usr/bin/env bash
# Cross-builds shelfnode for one board of boards/ and runs its unit tests under qemu-user
# (boards/README.md, "Cross-building and testing").
#
# Usage: tools/cross-test.sh BOARD [--build-only]
#   BOARD         raspberrypi-arm64, armhf-pos or generic-x86_64 (native: no sysroot, no qemu)
#   --build-only  build every target (integration tests and all), run no tests
#
# Steps, each cached so that a second run only rebuilds what changed:
#   1. the cross compiler, mmdebstrap and qemu-user (tools/lib/deps.sh, once);
#   2. a Debian 12 sysroot for the board's architecture in build/sysroot/ARCH, made by
#      mmdebstrap with the -dev packages below; made again only when that list changes;
#   3. the `debian` profile in build/cross/BOARD/debian (ccache): the binaries, the unit
#      test binaries and the package contents test, then `ctest -L 'unit|package'` through
#      CMAKE_CROSSCOMPILING_EMULATOR (`package`: the board's .deb, made by cpack, read back);
#   4. the `device` profile in build/cross/BOARD/device, when tools/device-deps.sh is in this
#      tree and builds the board's architecture (its libraries cached in build/device-deps/).
# Other integration tests are not run: they exec the shelfnode binary (and the daemon execs
# shelfnoded) directly, which needs binfmt_misc to reach qemu; the unit and package tests do
# not (the package test execs only the host's dpkg-deb and readelf).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
source tools/lib/deps.sh

usage() {
  sed -n 's/^# \{0,1\}//;/^Usage:/,/^$/p' "$0" | sed '/^$/q' >&2
  exit 64
}

board=${1:-}
build_only=0
[[ -n $board ]] || usage
shift
for a in "$@"; do
  case $a in
    --build-only) build_only=1 ;;
    *) usage ;;
  esac
done
if [[ ! -f boards/$board/toolchain.cmake ]]; then
  echo "cross-test.sh: no board '$board'; boards: $(cd boards && ls -d */ | tr -d / | tr '\n' ' ')" >&2
  exit 64
fi

case $board in
  raspberrypi-arm64) arch=arm64 ;;
  armhf-pos) arch=armhf ;;
  generic-x86_64) arch=amd64 ;;
  *)
    echo "cross-test.sh: boards/$board has no entry here yet: add its Debian architecture" >&2
    exit 64
    ;;
esac

started=$SECONDS
step() { echo "=== $board: $* [$((SECONDS - started)) s]"; }

step "tools"
shelfnode_install_deps "${SHELFNODE_RUNTIME_DEPS[@]}" libgtest-dev ccache
cross_args=()
sysroot=""
if [[ $arch != amd64 ]]; then
  shelfnode_install_deps "${SHELFNODE_CROSS_COMPILER[$arch]}" "${SHELFNODE_CROSS_DEPS[@]}"
  sysroot=$root/build/sysroot/$arch
  # What the build links and the tests load; libstdc++6 because the tests link it dynamically.
  packages=libc6-dev,libstdc++6,libsqlite3-dev,libmbedtls-dev,libcjson-dev,libcurl4-openssl-dev,libgtest-dev,libgmock-dev
  mirrors=("deb http://deb.debian.org/debian bookworm main"
    "deb http://deb.debian.org/debian bookworm-updates main"
    "deb http://deb.debian.org/debian-security bookworm-security main")
  want="$arch bookworm $packages ${mirrors[*]}"
  if [[ -f $sysroot/.shelfnode-sysroot && $(cat "$sysroot/.shelfnode-sysroot") == "$want" ]]; then
    step "sysroot: cached in build/sysroot/$arch"
  else
    step "sysroot: mmdebstrap $arch (packages: $packages)"
    rm -rf "$sysroot" "$sysroot.new"
    mkdir -p "$(dirname "$sysroot")"
    if ! mmdebstrap --quiet --variant=extract --architectures="$arch" --include="$packages" \
      bookworm "$sysroot.new" "${mirrors[@]}"; then
      # An architecture's security index can lag the mirror (seen for armhf: "File has
      # unexpected size"); the build still works from the point release.
      echo "cross-test.sh: mmdebstrap with bookworm-security failed; retrying without it" >&2
      rm -rf "$sysroot.new"
      mmdebstrap --quiet --variant=extract --architectures="$arch" --include="$packages" \
        bookworm "$sysroot.new" "${mirrors[@]:0:2}"
    fi
    # The packages' absolute symlinks (libm.so -> /lib/...) would point into the host.
    find "$sysroot.new" -type l -lname '/*' -print0 | while IFS= read -r -d '' link; do
      target=$(readlink "$link")
      ln -sfn "$(realpath -m --relative-to="$(dirname "$link")" "$sysroot.new$target")" "$link"
    done
    echo "$want" >"$sysroot.new/.shelfnode-sysroot"
    mv "$sysroot.new" "$sysroot"
  fi
  cross_args=(-DSHELFNODE_SYSROOT="$sysroot")
fi

export CCACHE_BASEDIR=$root
jobs=${SHELFNODE_JOBS:-$(nproc)}
failed=0

# build_and_test PROFILE [cmake args...]
build_and_test() {
  local profile=$1
  shift
  local dir=build/cross/$board/$profile
  step "$profile profile: configure + build in $dir"
  cmake -S . -B "$dir" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$root/boards/$board/toolchain.cmake" \
    "${cross_args[@]}" -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_FLAGS_RELEASE="-O2 -DNDEBUG" \
    -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" -DSHELFNODE_BENCH=OFF \
    -DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache "$@" >/dev/null
  if ((build_only)); then
    cmake --build "$dir" -j "$jobs"
    file -b "$dir/firmware/shelfnode" | cut -d, -f1-2
    return 0
  fi
  # The binaries, the unit and package tests only: the others are not run here (above), and
  # building them would double a cold cross build. --build-only builds everything.
  local targets
  targets=$(ninja -C "$dir" -t targets all |
    sed -nE 's#^((firmware|tests/unit/[^/:]+|tests/integration/package)/all):.*#\1#p')
  # shellcheck disable=SC2086  # one word per target
  cmake --build "$dir" -j "$jobs" --target $targets
  file -b "$dir/firmware/shelfnode" | cut -d, -f1-2
  # SerialSource's tests drive a pseudo-terminal, and qemu-user 7.2 does not emulate its
  # unlock ioctl (unlockpt fails with -1, the test then crashes): excluded by name, and said.
  local not_under_qemu='^SerialSource\.'
  [[ -n $sysroot ]] || not_under_qemu='^$'
  [[ -n $sysroot ]] && echo "not run under qemu (pty unlock ioctl unsupported): $not_under_qemu"
  # `package`: the board's .deb made by cpack and read back with the host's dpkg-deb
  # (tests/integration/package/CMakeLists.txt).
  step "$profile profile: ctest -L 'unit|package' (through qemu)"
  (cd "$dir" && ctest -L 'unit|package' -E "$not_under_qemu" -j "$jobs" --timeout 600 \
    --output-on-failure) || return 1
}

build_and_test debian || failed=1

if [[ -x tools/device-deps.sh ]]; then
  step "device profile: tools/device-deps.sh --arch $arch"
  device_args=(--arch "$arch")
  if [[ -n $sysroot ]]; then
    device_args+=(--toolchain "$root/boards/$board/toolchain.cmake" --sysroot "$sysroot")
  fi
  if prefix_arg=$(tools/device-deps.sh "${device_args[@]}" | tail -1) &&
    [[ $prefix_arg == -DSHELFNODE_DEVICE_PREFIX=* ]]; then
    build_and_test device -DSHELFNODE_PROFILE=device "$prefix_arg" || failed=1
  else
    echo "cross-test.sh: tools/device-deps.sh did not build the $arch libraries (above); device profile FAILED" >&2
    failed=1
  fi
else
  step "device profile: skipped, this tree has no tools/device-deps.sh"
fi

if ((failed)); then
  step "FAILED"
  exit 1
fi
step "passed"
