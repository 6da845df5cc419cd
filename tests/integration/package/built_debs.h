#pragma once

// The packages under test, made by the CTest fixture `shelfnode_debs` (build_debs.cmake:
// `cpack -G DEB` of this build tree) before any case runs: the project's version, and the
// same files as version 0.0.1 for the upgrade.

#include <string>

#include "support/process.h"

namespace shelfnode::testing::package {

struct BuiltDebs {
  std::string current;  // shelfnode_<version>_<arch>.deb
  std::string older;    // shelfnode_0.0.1_<arch>.deb
};

BuiltDebs built_debs();

// Whether `path` is a regular file (a package the fixture made).
bool is_file(const std::string& path);


}  // namespace shelfnode::testing::package
