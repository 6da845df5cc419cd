# The package tests' fixture (CTest FIXTURES_SETUP shelfnode_debs): `cpack -G DEB` of the
# build tree, once per test run, into OUT/current (the project's version) and OUT/older (the
# same tree as 0.0.1, for the upgrade). Run as
#   cmake -DCPACK=... -DBUILD_DIR=... -DOUT=... -P build_debs.cmake
file(REMOVE_RECURSE "${OUT}")
foreach(_which current older)
  set(_version_arg "")
  if(_which STREQUAL "older")
    set(_version_arg -D CPACK_PACKAGE_VERSION=0.0.1)
  endif()
  execute_process(COMMAND "${CPACK}" -G DEB --config "${BUILD_DIR}/CPackConfig.cmake"
                          -B "${OUT}/${_which}" ${_version_arg}
                  RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "cpack for the ${_which} package failed (exit ${_rc}, above)")
  endif()
  # Only the packages: cpack's staging tree is not needed by the tests.
  file(REMOVE_RECURSE "${OUT}/${_which}/_CPack_Packages")
endforeach()
