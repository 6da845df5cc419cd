#pragma once

// A throwaway root for dpkg, so that the package is installed, upgraded, removed and purged
// without touching this machine: `dpkg --root=DIR` keeps its database and every file under
// DIR, and --force-script-chrootless runs the maintainer scripts here, outside a chroot, with
// DPKG_ROOT=DIR, which they honour for every path they touch (firmware/deb/). The root has
// no /run/systemd/system, so the scripts see a machine where systemd is not running and do
// not start anything ("the dry run" of firmware/README.md). Package dependencies are not
// installed in it (--force-depends): the binaries run with this machine's libraries.

#include <sys/types.h>

#include <string>
#include <vector>

#include "support/process.h"

namespace shelfnode::testing::package {

class DpkgRoot {
 public:
  DpkgRoot();
  const std::string& path() const { return dir_.path(); }
  // `absolute` ("/etc/shelfnode") as it lies in this root.
  std::string at(const std::string& absolute) const { return dir_.path() + absolute; }
  // dpkg --root=DIR ARGS..., its stdin empty (a conffile question fails instead of waiting).
  RunResult dpkg(const std::vector<std::string>& args) const;
  // The uid and gid of `user` in this root's /etc/passwd; -1 when it has none.
  uid_t uid_of(const std::string& user) const;
  gid_t gid_of(const std::string& user) const;

 private:
  TempDir dir_;
};

// Permission bits (07777) of `path`, not following a symlink; -1 when it is missing.
int mode_of(const std::string& path);
// Owner of `path` (not following a symlink); -1 when it is missing.
uid_t owner_of(const std::string& path);
bool exists(const std::string& path);

}  // namespace shelfnode::testing::package
