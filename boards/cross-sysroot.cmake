# The part every ARM board's toolchain.cmake shares: Debian's cross compiler for
# SHELFNODE_BOARD_TRIPLET against a Debian 12 sysroot (tools/cross-test.sh makes one with
# mmdebstrap), pkg-config confined to that sysroot, and qemu-user as the emulator through which
# CTest and gtest_discover_tests run the test binaries. The board file sets the triplet,
# CMAKE_SYSTEM_PROCESSOR and SHELFNODE_BOARD_QEMU, then includes this file.

set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_C_COMPILER ${SHELFNODE_BOARD_TRIPLET}-gcc)
set(CMAKE_CXX_COMPILER ${SHELFNODE_BOARD_TRIPLET}-g++)
set(CMAKE_LIBRARY_ARCHITECTURE ${SHELFNODE_BOARD_TRIPLET})

# The sysroot: -DSHELFNODE_SYSROOT=DIR or the environment variable of that name. CMake reads a
# toolchain file again for every try_compile, where only the variables named here survive.
if(NOT SHELFNODE_SYSROOT)
  set(SHELFNODE_SYSROOT "$ENV{SHELFNODE_SYSROOT}")
endif()
if(NOT SHELFNODE_SYSROOT OR NOT EXISTS "${SHELFNODE_SYSROOT}/usr/include")
  message(FATAL_ERROR "No sysroot for ${SHELFNODE_BOARD_TRIPLET}: pass -DSHELFNODE_SYSROOT=DIR "
                      "(a Debian 12 root with the -dev packages; tools/cross-test.sh BOARD makes one "
                      "under build/sysroot/)")
endif()
set(SHELFNODE_SYSROOT "${SHELFNODE_SYSROOT}" CACHE PATH "Debian 12 sysroot of the target")
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES SHELFNODE_SYSROOT)

set(CMAKE_SYSROOT "${SHELFNODE_SYSROOT}")
set(CMAKE_FIND_ROOT_PATH "${SHELFNODE_SYSROOT}")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# The host's pkg-config would hand out x86_64 paths (libcurl.so, /usr/include/x86_64-linux-gnu)
# and the build would fail late, at link time; confined to the sysroot it finds the target's
# .pc files and prefixes their paths with the sysroot.
set(ENV{PKG_CONFIG_DIR} "")
set(ENV{PKG_CONFIG_PATH} "")
set(ENV{PKG_CONFIG_LIBDIR}
    "${SHELFNODE_SYSROOT}/usr/lib/${SHELFNODE_BOARD_TRIPLET}/pkgconfig:${SHELFNODE_SYSROOT}/usr/share/pkgconfig")
set(ENV{PKG_CONFIG_SYSROOT_DIR} "${SHELFNODE_SYSROOT}")

# binfmt_misc is often not mounted (containers, CI VMs), so test binaries are run through
# qemu-user explicitly; -L makes it load the target's ld.so and libraries from the sysroot.
find_program(SHELFNODE_BOARD_QEMU_PROGRAM NAMES ${SHELFNODE_BOARD_QEMU} ${SHELFNODE_BOARD_QEMU}-static)
if(SHELFNODE_BOARD_QEMU_PROGRAM)
  set(CMAKE_CROSSCOMPILING_EMULATOR "${SHELFNODE_BOARD_QEMU_PROGRAM};-L;${SHELFNODE_SYSROOT}")
endif()
