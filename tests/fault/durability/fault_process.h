#pragma once

// Processes and mounts for the durability fault tests: the user a child drops to (through
// testing::ChildSetup) and mounts that cannot outlive the test.

#include <sys/types.h>

#include <cstddef>
#include <memory>
#include <string>
#include <utility>

namespace shelfnode::fault {

constexpr uid_t kNobody = 65534;

// Puts this test process in its own mount namespace with private propagation, so a mount made
// by a test is never seen by the rest of the machine and vanishes with the process even if the
// test dies before its teardown. False if not permitted (mounts then happen in the caller's
// namespace, and only Mount's destructor removes them).
bool enter_private_mount_namespace();

// A mount removed (umount, else lazy detach) when the object goes away.
class Mount {
 public:
  // nullptr (and `why`) when the mount is refused.
  static std::unique_ptr<Mount> tmpfs(const std::string& dir, std::size_t bytes, std::string& why);
  static std::unique_ptr<Mount> read_only_bind(const std::string& source, const std::string& dir,
                                               std::string& why);
  ~Mount();
  Mount(const Mount&) = delete;
  Mount& operator=(const Mount&) = delete;

 private:
  explicit Mount(std::string dir) : dir_(std::move(dir)) {}
  std::string dir_;
};

}  // namespace shelfnode::fault
