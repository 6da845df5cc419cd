#pragma once

// `cmake --install` of this build tree into a temporary DESTDIR, and what the install tests
// read back from it: which paths are there, their modes, the tools that check them.

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "support/process.h"

namespace shelfnode::testing::install {

struct Installed {
  TempDir destdir;
  std::string prefix;
  RunResult result;  // of the last `cmake --install`
  // `absolute` ("/usr/bin/shelfnode") as it lies in the DESTDIR.
  std::string at(const std::string& absolute) const { return destdir.path() + absolute; }
};

// `cmake --install BUILD_DIR --prefix PREFIX` with DESTDIR a new temporary directory.
std::unique_ptr<Installed> install_into_destdir(const std::string& prefix);

// The same install again, into the same DESTDIR (result in `installed.result`).
void install_again(Installed& installed);

// Whether the build has the daemon's own binary (a target that arrives with the daemon).
bool build_has_daemon();


// Permission bits (07777) of `path`, not following a symlink; -1 when it is missing.
int mode_of(const std::string& path);

// Every path below `dir`, relative to it, directories with a trailing '/'.
std::set<std::string> tree_of(const std::string& dir);

std::vector<std::string> lines_of(const std::string& text);

// The unit's settings in file order as "Key=value" lines (comments and section headers left
// out, white space around the '=' kept as written).
std::vector<std::string> unit_settings(const std::string& unit_text);

}  // namespace shelfnode::testing::install
