#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "shelfnode/core/result.h"

namespace shelfnode::daemon {

// One short-lived `shelfnode` process doing the daemon's Wix work (`sync`, `catalog pull`).
// The daemon itself never links libcurl: the TLS stack, its memory and its network sockets
// live only as long as a round, in a process that cannot touch the scanners (it has none of
// their descriptors: every descriptor of the daemon is close-on-exec).
class Worker {
 public:
  // The `shelfnode` binary beside this one (the two are installed, and built, together).
  static std::string cli_path();

  // Runs `cli_path() --data-dir DIR ARGS...` with stdout/stderr on `out_fd`/`err_fd` (the
  // asking client's terminal, or the daemon's own) and stdin on /dev/null.
  static Result<Worker> spawn(const std::string& data_dir, const std::vector<std::string>& args,
                              int out_fd, int err_fd);

  pid_t pid() const { return pid_; }

 private:
  explicit Worker(pid_t pid) : pid_(pid) {}
  pid_t pid_;
};

}  // namespace shelfnode::daemon
