#!/usr/bin/env bash
# Builds the libraries of the `device` profile (README.md "Build profiles") once per
# architecture: mbedTLS and libcurl from Debian's own source packages (`apt-get source`, so
# Debian's security patches are in), static, -Os with function and data sections; curl with
# the mbedTLS backend and HTTP(S) only. Installs them into a prefix and prints the CMake
# argument that points the shelfnode build at it.
#
# Usage: tools/device-deps.sh [--arch amd64|arm64|armhf] [--toolchain FILE] [--sysroot DIR]
#                             [--prefix DIR] [--jobs N] [--force]
#   --arch       Debian architecture to build for (default: this machine's)
#   --toolchain  CMake toolchain file for a cross build (e.g. boards/BOARD/toolchain.cmake);
#                without one a cross build uses Debian's <triplet>-gcc
#   --sysroot    target root file system (exported as SHELFNODE_SYSROOT for the toolchain
#                file, passed as CMAKE_SYSROOT when there is none)
#   --prefix     where the libraries go (default: build/device-deps/ARCH)
#   --force      rebuild even when the prefix's recorded inputs are unchanged
#
# The prefix records its inputs (source package versions, flags and options, compiler,
# toolchain) in
# PREFIX/inputs.txt; a rerun with the same inputs only prints the prefix. When Debian
# publishes a new curl or mbedtls revision (a security update), the next run fetches it,
# the inputs differ, and both libraries are rebuilt. Without network the last fetched
# package index is used. The system's apt configuration and state are not touched: the
# deb-src list, index and downloads live under build/device-deps/apt.
#
# Last line of output: -DSHELFNODE_DEVICE_PREFIX=/abs/prefix (also in PREFIX/cmake-args).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
source tools/lib/deps.sh

usage() {
  sed -n 's/^# \{0,1\}//;/^Usage:/,/^$/p' "$0" | sed '/^$/q' >&2
  exit 64
}

arch=$(dpkg --print-architecture)
toolchain="" sysroot="" prefix="" force=0 jobs=$(nproc)
opts=$(getopt -o h --long arch:,toolchain:,sysroot:,prefix:,jobs:,force,help -n device-deps.sh -- "$@") || usage
eval set -- "$opts"
while true; do
  case $1 in
    --arch) arch=$2; shift 2 ;;
    --toolchain) toolchain=$(realpath -m "$2"); shift 2 ;;
    --sysroot) sysroot=$(realpath -m "$2"); shift 2 ;;
    --prefix) prefix=$(realpath -m "$2"); shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --force) force=1; shift ;;
    -h | --help) usage ;;
    --) shift; break ;;
  esac
done
(($# == 0)) || usage
if [[ ! $jobs =~ ^[1-9][0-9]*$ ]]; then
  echo "device-deps.sh: --jobs wants a positive number, not '$jobs'" >&2
  exit 64
fi

case $arch in
  amd64) triplet=x86_64-linux-gnu cpu=x86_64 ;;
  arm64) triplet=aarch64-linux-gnu cpu=aarch64 ;;
  armhf) triplet=arm-linux-gnueabihf cpu=armv7l ;;
  *)
    echo "device-deps.sh: unknown architecture '$arch'; use amd64, arm64 or armhf" >&2
    exit 64
    ;;
esac
if [[ -n $toolchain && ! -f $toolchain ]]; then
  echo "device-deps.sh: toolchain file $toolchain does not exist" >&2
  exit 66
fi
if [[ -n $sysroot && ! -d $sysroot ]]; then
  echo "device-deps.sh: sysroot $sysroot is not a directory (make one with mmdebstrap, see boards/README.md)" >&2
  exit 66
fi
[[ -n $prefix ]] || prefix=$root/build/device-deps/$arch

shelfnode_install_deps "${SHELFNODE_RUNTIME_DEPS[@]}" "${SHELFNODE_DEVICE_DEPS[@]}"

# The compilers and CMake arguments for the target. A native build needs nothing; a cross
# build takes the toolchain file when given, else Debian's cross gcc for the triplet.
host_arch=$(dpkg --print-architecture)
cmake_target=()
cc=cc
if [[ -n $toolchain ]]; then
  cmake_target+=(-DCMAKE_TOOLCHAIN_FILE="$toolchain")
  cc=$(sed -nE 's/^ *set\(CMAKE_C_COMPILER +([^ )]+).*/\1/p' "$toolchain" | head -1)
  [[ -n $cc ]] || cc=$triplet-gcc
elif [[ $arch != "$host_arch" ]]; then
  cc=$triplet-gcc
  if ! command -v "$cc" >/dev/null; then
    echo "device-deps.sh: no $cc for $arch; install gcc-$triplet (apt-get install gcc-$triplet) or pass --toolchain FILE" >&2
    exit 69
  fi
  cmake_target+=(-DCMAKE_SYSTEM_NAME=Linux -DCMAKE_SYSTEM_PROCESSOR="$cpu"
    -DCMAKE_C_COMPILER="$cc" -DCMAKE_FIND_ROOT_PATH_MODE_PROGRAM=NEVER)
fi
if [[ -n $sysroot ]]; then
  export SHELFNODE_SYSROOT=$sysroot
  [[ -n $toolchain ]] || cmake_target+=(-DCMAKE_SYSROOT="$sysroot" -DCMAKE_FIND_ROOT_PATH="$sysroot")
fi

# -Os and function/data sections so that the shelfnode link (--gc-sections) keeps only what
# it calls; position-independent because Debian's gcc links PIE by default.
cflags="-Os -ffunction-sections -fdata-sections"
cmake_common=(-G Ninja -DCMAKE_BUILD_TYPE=MinSizeRel -DCMAKE_C_FLAGS_MINSIZEREL="$cflags -DNDEBUG"
  -DCMAKE_POSITION_INDEPENDENT_CODE=ON -DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_INSTALL_LIBDIR=lib
  "${cmake_target[@]}")

mbedtls_options=(-DENABLE_PROGRAMS=OFF -DENABLE_TESTING=OFF -DUSE_SHARED_MBEDTLS_LIBRARY=OFF
  -DUSE_STATIC_MBEDTLS_LIBRARY=ON -DMBEDTLS_FATAL_WARNINGS=OFF -DLIB_INSTALL_DIR="$prefix/lib")
# HTTP and HTTPS only, mbedTLS, static. Off: every other protocol, HTTP/2 (nghttp2: Wix
# answers HTTP/1.1 and a keep-alive connection is all a sync round needs), IDN (the only host
# is www.wixapis.com), the public suffix list (cookies are not used), compression (Wix
# answers are small JSON; zlib would be one more library for little), SSH, LDAP, GSSAPI. The
# CA bundle default is Debian's; the CA path is off (mbedTLS reads a bundle file).
curl_options=(-DBUILD_SHARED_LIBS=OFF -DBUILD_CURL_EXE=OFF
  -DBUILD_TESTING=OFF -DENABLE_MANUAL=OFF -DPICKY_COMPILER=OFF
  -DCURL_USE_MBEDTLS=ON -DCURL_USE_OPENSSL=OFF -DMBEDTLS_INCLUDE_DIRS="$prefix/include"
  -DMBEDTLS_LIBRARY="$prefix/lib/libmbedtls.a" -DMBEDX509_LIBRARY="$prefix/lib/libmbedx509.a"
  -DMBEDCRYPTO_LIBRARY="$prefix/lib/libmbedcrypto.a" -DHTTP_ONLY=ON -DCURL_DISABLE_LDAP=ON
  -DCURL_DISABLE_LDAPS=ON -DUSE_NGHTTP2=OFF -DUSE_LIBIDN2=OFF -DCURL_USE_LIBPSL=OFF
  -DCURL_USE_LIBSSH2=OFF -DCURL_USE_LIBSSH=OFF -DCURL_USE_GSSAPI=OFF -DCURL_ZLIB=OFF
  -DCURL_BROTLI=OFF -DCURL_ZSTD=OFF -DENABLE_ARES=OFF -DENABLE_THREADED_RESOLVER=ON
  -DCURL_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt -DCURL_CA_PATH=none)

# --- Debian source packages, through a private apt configuration --------------------------
cache=$root/build/device-deps
aptdir=$cache/apt
mkdir -p "$aptdir/lists/partial" "$aptdir/archives/partial" "$aptdir/parts" "$cache/src"
cat >"$aptdir/sources.list" <<'EOF'
deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm main
deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm-updates main
deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian-security bookworm-security main
EOF
apt_opts=(-o Dir::Etc::SourceList="$aptdir/sources.list" -o Dir::Etc::SourceParts="$aptdir/parts"
  -o Dir::State::Lists="$aptdir/lists" -o Dir::Cache="$aptdir" -o Dir::Cache::Archives="$aptdir/archives"
  -o Debug::NoLocking=1 -o APT::Sandbox::User="$(id -un)")
if ! apt-get "${apt_opts[@]}" update -qq 2>"$aptdir/update.log"; then
  if compgen -G "$aptdir/lists/*Sources*" >/dev/null; then
    echo "device-deps.sh: could not refresh the Debian source index ($(tail -1 "$aptdir/update.log")); using the last one" >&2
  else
    echo "device-deps.sh: cannot fetch Debian's source index (deb.debian.org):" >&2
    cat "$aptdir/update.log" >&2
    exit 69
  fi
fi

# source_version PACKAGE: the newest version the deb-src index offers.
source_version() {
  apt-cache "${apt_opts[@]}" showsrc "$1" | sed -n 's/^Version: //p' | sort -V | tail -1
}

# fetch_source PACKAGE VERSION: the unpacked, Debian-patched tree, fetched once per version.
fetch_source() {
  local pkg=$1 version=$2 dir=$cache/src/$1_$2
  if [[ ! -f $dir/.complete ]]; then
    rm -rf "$dir" && mkdir -p "$dir"
    (cd "$dir" && apt-get "${apt_opts[@]}" source -qq "$pkg=$version" >fetch.log 2>&1) || {
      echo "device-deps.sh: apt-get source $pkg=$version failed:" >&2
      tail -5 "$dir/fetch.log" >&2
      exit 69
    }
    touch "$dir/.complete"
  fi
  find "$dir" -mindepth 1 -maxdepth 1 -type d -name "$pkg-*" | head -1
}

curl_version=$(source_version curl)
mbedtls_version=$(source_version mbedtls)
if [[ -z $curl_version || -z $mbedtls_version ]]; then
  echo "device-deps.sh: the Debian source index has no curl or mbedtls package" >&2
  exit 69
fi

compiler=$("$cc" --version 2>/dev/null | head -1 || echo "$cc")
inputs=$(
  cat <<EOF
arch=$arch
curl=$curl_version
mbedtls=$mbedtls_version
cflags=$cflags
compiler=$compiler
toolchain=${toolchain:+$toolchain $(sha256sum <"$toolchain" | cut -c1-16)}
target=${cmake_target[*]}
sysroot=$sysroot
mbedtls_options=${mbedtls_options[*]}
curl_options=${curl_options[*]}
EOF
)
if ((force == 0)) && [[ -f $prefix/inputs.txt && $(cat "$prefix/inputs.txt") == "$inputs" ]]; then
  echo "device libraries for $arch are up to date in $prefix (curl $curl_version, mbedtls $mbedtls_version)"
  echo "-DSHELFNODE_DEVICE_PREFIX=$prefix"
  exit 0
fi

echo "building the device libraries for $arch: curl $curl_version, mbedtls $mbedtls_version -> $prefix"
rm -rf "$prefix"
work=$cache/work/$arch
rm -rf "$work" && mkdir -p "$work"

# --- mbedTLS -----------------------------------------------------------------------------
# Debian's configuration, read from its debian/rules (the options it sets with config.py,
# among them threading with pthreads), applied to a copy of the tree.
mbedtls_src=$(fetch_source mbedtls "$mbedtls_version")
cp -a "$mbedtls_src" "$work/mbedtls-src"
mapfile -t mbedtls_sets < <(sed -nE 's/^\s*scripts\/config\.py set ([A-Z0-9_]+)\s*$/\1/p' "$work/mbedtls-src/debian/rules")
for opt in "${mbedtls_sets[@]}"; do
  (cd "$work/mbedtls-src" && python3 scripts/config.py set "$opt")
done
echo "  mbedtls: configure + build (Debian's config.h plus: ${mbedtls_sets[*]})"
cmake -S "$work/mbedtls-src" -B "$work/mbedtls" "${cmake_common[@]}" "${mbedtls_options[@]}" \
  >"$work/mbedtls.log" 2>&1 ||
  { tail -20 "$work/mbedtls.log" >&2; exit 70; }
ninja -C "$work/mbedtls" -j "$jobs" install >>"$work/mbedtls.log" 2>&1 ||
  { tail -20 "$work/mbedtls.log" >&2; exit 70; }

# --- libcurl -----------------------------------------------------------------------------
curl_src=$(fetch_source curl "$curl_version")
echo "  curl: configure + build"
cmake -S "$curl_src" -B "$work/curl" "${cmake_common[@]}" "${curl_options[@]}" \
  >"$work/curl.log" 2>&1 || { tail -20 "$work/curl.log" >&2; exit 70; }
ninja -C "$work/curl" -j "$jobs" install >>"$work/curl.log" 2>&1 ||
  { tail -20 "$work/curl.log" >&2; exit 70; }

echo "$inputs" >"$prefix/inputs.txt"
echo "-DSHELFNODE_DEVICE_PREFIX=$prefix" >"$prefix/cmake-args"
rm -rf "$work"
echo "device libraries for $arch installed in $prefix"
echo "-DSHELFNODE_DEVICE_PREFIX=$prefix"
