#include "fault/durability/fault_process.h"

#include <sched.h>
#include <sys/mount.h>

#include <cerrno>
#include <cstring>

namespace shelfnode::fault {

bool enter_private_mount_namespace() {
  if (unshare(CLONE_NEWNS) != 0) return false;
  return mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0;
}

std::unique_ptr<Mount> Mount::tmpfs(const std::string& dir, std::size_t bytes, std::string& why) {
  const std::string options = "size=" + std::to_string(bytes) + ",mode=0755";
  if (mount("tmpfs", dir.c_str(), "tmpfs", 0, options.c_str()) != 0) {
    why = std::string("mount -t tmpfs: ") + std::strerror(errno);
    return nullptr;
  }
  return std::unique_ptr<Mount>(new Mount(dir));
}

std::unique_ptr<Mount> Mount::read_only_bind(const std::string& source, const std::string& dir,
                                             std::string& why) {
  if (mount(source.c_str(), dir.c_str(), nullptr, MS_BIND, nullptr) != 0) {
    why = std::string("mount --bind: ") + std::strerror(errno);
    return nullptr;
  }
  std::unique_ptr<Mount> bound(new Mount(dir));
  // A bind mount takes MS_RDONLY only through a remount of the bind itself.
  if (mount(nullptr, dir.c_str(), nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY, nullptr) != 0) {
    why = std::string("mount -o remount,ro,bind: ") + std::strerror(errno);
    return nullptr;  // `bound` unmounts on the way out
  }
  return bound;
}

Mount::~Mount() {
  if (dir_.empty()) return;
  if (umount2(dir_.c_str(), 0) != 0) umount2(dir_.c_str(), MNT_DETACH);
}

}  // namespace shelfnode::fault
