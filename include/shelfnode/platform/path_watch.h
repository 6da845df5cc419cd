#pragma once

#include <string>

#include "shelfnode/core/result.h"
#include "shelfnode/platform/unique_fd.h"

namespace shelfnode::platform {

// Tells when a device path may have come back, with no polling loop: inotify on the nearest
// directory on the way to the path that exists. udev makes /dev/input/by-id and
// /dev/serial/by-id only when the first such device is plugged in, so the watch starts
// higher up when it must and moves down as the directories appear (and back up if they go).
class PathWatch {
 public:
  explicit PathWatch(std::string path) : path_(std::move(path)) {}

  Status start();
  int fd() const { return fd_.get(); }
  // Reads every pending event. True when one may concern the path: it was created, replaced
  // (a symlink re-pointed by rename), had its attributes changed (udev setting permissions)
  // or removed, or a directory on the way to it came or went.
  Result<bool> on_readable();
  // The directory watched now (for tests).
  const std::string& watched() const { return dir_; }

 private:
  Status arm();

  std::string path_;
  UniqueFd fd_;
  int wd_ = -1;
  std::string dir_;         // the directory watched
  std::string next_;        // the name in dir_ on the way to path_
  bool at_parent_ = false;  // dir_ is the path's own directory
};

}  // namespace shelfnode::platform
