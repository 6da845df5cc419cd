# A Debian 12 x86_64 POS terminal or mini PC: a native build. The file exists so that every
# board is built the same way (-DCMAKE_TOOLCHAIN_FILE=boards/BOARD/toolchain.cmake); it only
# pins the target, so a build on another host kind stops at configure time instead of
# producing a binary for the wrong machine.
if(NOT CMAKE_HOST_SYSTEM_PROCESSOR STREQUAL "x86_64")
  message(FATAL_ERROR "boards/generic-x86_64 builds natively on an x86_64 host; this one is "
                      "${CMAKE_HOST_SYSTEM_PROCESSOR}")
endif()
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(SHELFNODE_BOARD generic-x86_64)
