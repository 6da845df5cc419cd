#pragma once

// Processes and mounts for the durability fault tests: a child whose limits (file size, user)
// are set between fork and exec, and mounts that cannot outlive the test.

#include <sys/resource.h>
#include <sys/types.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "support/process.h"

namespace shelfnode::fault {

constexpr uid_t kNobody = 65534;

// How to start a child: applied in the child between fork and exec.
struct Limits {
  std::optional<rlim_t> max_file_size;  // RLIMIT_FSIZE (shelfnode ignores SIGXFSZ: EFBIG)
  std::optional<uid_t> user;            // setgid/setuid to this id, no supplementary groups
  std::string stderr_path;              // "" = /dev/null
};

// A child with pipes on stdin/stdout, started under `Limits`. The destructor kills (SIGKILL)
// and reaps it by PID if it is still running.
class LimitedChild {
 public:
  LimitedChild(const std::vector<std::string>& argv, const Limits& limits);
  ~LimitedChild();
  LimitedChild(const LimitedChild&) = delete;
  LimitedChild& operator=(const LimitedChild&) = delete;

  pid_t pid() const { return pid_; }
  bool write_stdin(const std::string& data);
  void close_stdin();
  // One line without '\n'; false on EOF or timeout.
  bool read_line(std::string& line, int timeout_ms);
  // Everything up to EOF (or the timeout).
  std::string read_rest(int timeout_ms);
  // Exit code, 128 + signal, or -1 on timeout.
  int wait(int timeout_ms);

 private:
  pid_t pid_ = -1;
  int in_fd_ = -1;
  int out_fd_ = -1;
  std::string pending_;
  bool reaped_ = false;
  int status_ = 0;
};

// Runs to completion with small `input` (< 32 KiB), stderr captured through a file.
testing::RunResult run_limited(const std::vector<std::string>& argv, const std::string& input,
                               Limits limits, const std::string& scratch_dir);

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
