#include "integration/package/built_debs.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <sstream>

namespace shelfnode::testing::package {

BuiltDebs built_debs() {
  const std::string dir = SHELFNODE_PACKAGE_TEST_DIR;
  const std::string arch = SHELFNODE_DEB_ARCH;
  return {dir + "/current/shelfnode_" SHELFNODE_VERSION "_" + arch + ".deb",
          dir + "/older/shelfnode_0.0.1_" + arch + ".deb"};
}

bool is_file(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string find_program(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path != nullptr ? path : "/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (dir.empty()) continue;
    const std::string candidate = dir + "/" + name;
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

}  // namespace shelfnode::testing::package
