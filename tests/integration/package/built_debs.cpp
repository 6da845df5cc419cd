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

}  // namespace shelfnode::testing::package
