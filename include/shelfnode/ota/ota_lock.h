#pragma once

#include "shelfnode/core/result.h"
#include "shelfnode/ota/install_root.h"
#include "shelfnode/platform/unique_fd.h"

namespace shelfnode::ota {

// One OTA operation at a time on an install root (an owner's `ota install` beside the hawkBit
// client's, a boot check during either): an exclusive flock(2) on ROOT/ota/lock, held for
// the life of the object. The kernel drops it when its holder dies, so a power cut or a
// SIGKILL never leaves the root locked.
class OtaLock {
 public:
  enum class Wait { kNo, kUpToAMinute };
  // kConflict naming what to do when another OTA operation holds it (after the wait, if any).
  static Result<OtaLock> acquire(const InstallRoot& root, Wait wait);

 private:
  explicit OtaLock(platform::UniqueFd fd) : fd_(std::move(fd)) {}
  platform::UniqueFd fd_;
};

}  // namespace shelfnode::ota
