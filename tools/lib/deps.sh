# Sourced by tools/*.sh: installs the Debian packages shelfnode needs, once, when missing.
# Usage: shelfnode_install_deps PACKAGE...

shelfnode_install_deps() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return 0
  if [[ $(id -u) -ne 0 ]]; then
    echo "missing Debian packages: ${missing[*]}" >&2
    echo "install them with: sudo apt-get install -y ${missing[*]}" >&2
    return 1
  fi
  echo "installing: ${missing[*]}"
  if [[ -z ${SHELFNODE_APT_UPDATED:-} ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    export SHELFNODE_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Everything needed to build and run shelfnode and its emulator.
SHELFNODE_RUNTIME_DEPS=(cmake ninja-build pkg-config g++ libsqlite3-dev libmbedtls-dev libcjson-dev
  libcurl4-openssl-dev python3 openssl ca-certificates)
# Plus what the test suite and benchmarks need. libclang-rt-14-dev holds Clang's ASan, UBSan
# and libFuzzer runtimes; clang only recommends it, and recommends are not installed. systemd
# and udev: the install tests check the unit (systemd-analyze, systemd-sysusers,
# systemd-tmpfiles) and the udev rule (udevadm) with the real tools; neither needs to run.
# nginx: the OTA download tests serve bundles over HTTPS on 127.0.0.1 with it (never as a
# service: each test starts its own in the foreground).
SHELFNODE_TEST_DEPS=(clang libclang-rt-14-dev libgtest-dev libbenchmark-dev util-linux mount
  procps systemd udev nginx)
# The Wix SDK conformance tests (tests/conformance/wix-sdk) run on Node with npm packages.
# Debian's npm is its own package; a Node.js that bundles npm (NodeSource) must not get it.
SHELFNODE_TEST_DEPS+=(nodejs)
command -v npm >/dev/null || SHELFNODE_TEST_DEPS+=(npm)
# Plus what tools/device-deps.sh needs to fetch and build the device profile's libraries from
# Debian's source packages (apt-get source unpacks with dpkg-source; mbedTLS's config.py).
SHELFNODE_DEVICE_DEPS=(dpkg-dev xz-utils debian-archive-keyring python3 cmake ninja-build gcc)
# The package test (tests/integration/package): cpack's DEB generator runs dpkg-shlibdeps.
SHELFNODE_TEST_DEPS+=(dpkg-dev)
# tools/cross-test.sh: a Debian 12 sysroot per architecture and qemu-user to run its tests;
# plus the cross compiler of the board's Debian architecture.
SHELFNODE_CROSS_DEPS=(mmdebstrap qemu-user ccache file)
declare -A SHELFNODE_CROSS_COMPILER=([arm64]=g++-aarch64-linux-gnu [armhf]=g++-arm-linux-gnueabihf)
