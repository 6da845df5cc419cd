# Raspberry Pi 3, 4, 5, Zero 2 W and CM4 on a 64-bit OS (Raspberry Pi OS or Debian 12 arm64).
# No -mcpu: the build targets the ARMv8-A baseline Debian's arm64 libraries are built for, so
# one binary runs on every Pi from the Cortex-A53 up.
set(SHELFNODE_BOARD raspberrypi-arm64)
set(SHELFNODE_BOARD_TRIPLET aarch64-linux-gnu)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(SHELFNODE_BOARD_QEMU qemu-aarch64)
include(${CMAKE_CURRENT_LIST_DIR}/../cross-sysroot.cmake)
