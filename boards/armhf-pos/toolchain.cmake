# 32-bit ARM POS terminals and boards (ARMv7-A, hard-float: i.MX6, Allwinner A20/H3, Rockchip
# RK3288, a Pi 2 or a 32-bit Raspberry Pi OS). The cross compiler's defaults are Debian
# armhf's baseline (ARMv7-A, Thumb-2, VFPv3-D16), the one its libraries are built for; a
# NEON or -mcpu flag would refuse to run on some of these.
set(SHELFNODE_BOARD armhf-pos)
set(SHELFNODE_BOARD_TRIPLET arm-linux-gnueabihf)
set(CMAKE_SYSTEM_PROCESSOR armv7l)
set(SHELFNODE_BOARD_QEMU qemu-arm)
include(${CMAKE_CURRENT_LIST_DIR}/../cross-sysroot.cmake)
# GCC notes that the ARM argument-passing ABI of some std types changed in GCC 7.1; everything
# here is built by one compiler, so the note is noise in every cross build log.
string(APPEND CMAKE_CXX_FLAGS_INIT " -Wno-psabi")
