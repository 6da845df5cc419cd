#include "shelfnode/ota/ota_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include "shelfnode/core/printable.h"

namespace shelfnode::ota {
namespace {

constexpr int kWaitSteps = 600;  // of 100 ms: a minute, longer than any install of a bundle

}  // namespace

Result<OtaLock> OtaLock::acquire(const InstallRoot& root, Wait wait) {
  // Not through FsOps: the lock file holds nothing, so no power cut can leave it half made.
  if (::mkdir(root.ota_dir().c_str(), 0755) != 0 && errno != EEXIST) {
    return io_error("cannot create " + printable(root.ota_dir()) + ": " + std::strerror(errno));
  }
  const std::string path = root.ota_dir() + "/lock";
  platform::UniqueFd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (!fd.valid()) {
    return io_error("cannot open " + printable(path) + ": " + std::strerror(errno));
  }
  const int steps = wait == Wait::kNo ? 1 : kWaitSteps;
  for (int i = 0; i < steps; ++i) {
    if (::flock(fd.get(), LOCK_EX | LOCK_NB) == 0) return OtaLock(std::move(fd));
    if (errno != EWOULDBLOCK && errno != EINTR) {
      return io_error("cannot lock " + printable(path) + ": " + std::strerror(errno));
    }
    if (i + 1 < steps) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return conflict(
      "another OTA operation (an install, a rollback, the boot check) is running "
      "on " +
      printable(root.dir) + ": try again when it has finished");
}

}  // namespace shelfnode::ota
