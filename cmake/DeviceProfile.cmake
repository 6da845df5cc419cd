# The `device` build profile (README.md "Build profiles"): libcurl and mbedTLS from
# tools/device-deps.sh (Debian's source packages, static, mbedTLS backend, HTTP(S) only),
# linked into the binary; everything built -Os with function and data sections, linked with
# --gc-sections, and the two shipped executables with link-time optimisation. SQLite and cJSON
# stay the board's shared Debian libraries, which apt keeps patched.
set(SHELFNODE_DEVICE_PREFIX "" CACHE PATH
    "Prefix of the device libraries: the path tools/device-deps.sh prints")
if(NOT SHELFNODE_DEVICE_PREFIX OR NOT EXISTS "${SHELFNODE_DEVICE_PREFIX}/inputs.txt")
  message(FATAL_ERROR
    "SHELFNODE_PROFILE=device needs the device libraries: run tools/device-deps.sh "
    "(add --arch/--toolchain/--sysroot for a cross build) and pass the "
    "-DSHELFNODE_DEVICE_PREFIX=... it prints (now: '${SHELFNODE_DEVICE_PREFIX}')")
endif()
# The recorded inputs (source versions, flags) are a configure dependency: rerunning
# device-deps.sh after a Debian security update re-runs CMake and relinks.
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${SHELFNODE_DEVICE_PREFIX}/inputs.txt")
file(STRINGS "${SHELFNODE_DEVICE_PREFIX}/inputs.txt" _device_curl REGEX "^curl=")
message(STATUS "device profile: ${_device_curl} (mbedTLS) from ${SHELFNODE_DEVICE_PREFIX}")

set(_lib "${SHELFNODE_DEVICE_PREFIX}/lib")
foreach(archive libcurl.a libmbedtls.a libmbedx509.a libmbedcrypto.a)
  if(NOT EXISTS "${_lib}/${archive}")
    message(FATAL_ERROR "${_lib}/${archive} is missing: rerun tools/device-deps.sh --force")
  endif()
endforeach()
# The same target names the debian profile's lookups make, so every module links either.
add_library(PkgConfig::CURL INTERFACE IMPORTED)
set_target_properties(PkgConfig::CURL PROPERTIES
  INTERFACE_INCLUDE_DIRECTORIES "${SHELFNODE_DEVICE_PREFIX}/include"
  INTERFACE_COMPILE_DEFINITIONS CURL_STATICLIB
  INTERFACE_LINK_LIBRARIES
    "${_lib}/libcurl.a;${_lib}/libmbedtls.a;${_lib}/libmbedx509.a;${_lib}/libmbedcrypto.a;Threads::Threads")
add_library(mbedcrypto_dep INTERFACE)
target_include_directories(mbedcrypto_dep INTERFACE "${SHELFNODE_DEVICE_PREFIX}/include")
target_link_libraries(mbedcrypto_dep INTERFACE "${_lib}/libmbedcrypto.a" Threads::Threads)

if(SHELFNODE_SANITIZE OR SHELFNODE_FUZZ)
  message(FATAL_ERROR "SHELFNODE_PROFILE=device is the size-optimised build; sanitizers and "
                      "fuzzing use the debian profile")
endif()
# -Os after the build type's -O level (compile options follow CMAKE_CXX_FLAGS_<CONFIG>).
add_compile_options(-Os -ffunction-sections -fdata-sections)
add_link_options(-Wl,--gc-sections)
# Relative relocations packed into DT_RELR (glibc 2.36, Debian 12): a position-independent
# executable keeps ASLR, and its ~2,300 relative relocations take 0.7 KB instead of 55 KB of
# .rela.dyn. GNU ld 2.40 packs them for x86 only; on ARM it would ignore the flag with a warning.
if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$")
  add_link_options(-Wl,-z,pack-relative-relocs)
endif()
# No unwind tables for shelfnode's own code either, which throws and catches nothing
# (CMakeLists.txt, shelfnode_code_flags): 77 KB of the stripped x86_64 binary (.eh_frame and
# its index; leaving out exceptions saved 129 KB more). An exception the runtime throws cannot
# cross such a frame and ends in std::terminate, as an uncaught one did with them;
# tests/unit/terminate checks that. Built with -g, the debug information still carries the
# call-frame data (.debug_frame) a debugger needs to unwind a core dump.
target_compile_options(shelfnode_code_flags INTERFACE
                       -fno-asynchronous-unwind-tables -fno-unwind-tables)
set(SHELFNODE_CODE_UNWIND_TABLES OFF)
# LTO: objects carry both GIMPLE and machine code (fat), so the test binaries link the
# libraries as ordinary code and only the shipped executables pay for the LTO link
# (shelfnode_device_lto in firmware/CMakeLists.txt). Clang 14 has no fat LTO objects.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  add_compile_options(-flto=auto -ffat-lto-objects)
  set(CMAKE_AR "${CMAKE_CXX_COMPILER_AR}")
  set(CMAKE_RANLIB "${CMAKE_CXX_COMPILER_RANLIB}")
  set(SHELFNODE_DEVICE_LTO_LINK -flto=auto)
else()
  message(STATUS "device profile: no LTO with ${CMAKE_CXX_COMPILER_ID} (needs GCC's fat LTO objects)")
  set(SHELFNODE_DEVICE_LTO_LINK "")
endif()

# shelfnode_device_lto(TARGET): link TARGET with link-time optimisation.
function(shelfnode_device_lto target)
  target_link_options(${target} PRIVATE ${SHELFNODE_DEVICE_LTO_LINK})
endfunction()
