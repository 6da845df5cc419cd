#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace shelfnode::bench {

// A program started with pipes on its stdin and stdout (stderr to a file, for diagnosis).
// The destructor closes the pipes and, if the child has not been reaped, kills it (SIGKILL)
// and reaps it by PID, so a benchmark that stops early never leaves a process behind.
//
// write_all() and close_stdin() may run on one thread while read_line() runs on another:
// they touch different pipes.
class ChildProcess {
 public:
  // `env` entries ("NAME=value") are added to the inherited environment. Null on failure,
  // with `error` saying why.
  static std::unique_ptr<ChildProcess> start(const std::vector<std::string>& argv,
                                             const std::string& stderr_path,
                                             const std::vector<std::string>& env,
                                             std::string& error);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  // Blocks until every byte is in the pipe; false if the child stopped reading (EPIPE).
  bool write_all(std::string_view data);
  void close_stdin();
  // One line of stdout without its '\n'; false at end of output or after `timeout_ms`.
  bool read_line(std::string& line, int timeout_ms);
  // SIGKILL now (reaped later by wait() or the destructor): unblocks a writer stuck on a
  // child that stopped reading.
  void terminate();
  // Waits for exit; the exit code (128 + signal when signalled), or -1 on timeout.
  int wait(int timeout_ms);

 private:
  ChildProcess() = default;
  bool fill(int timeout_ms);

  pid_t pid_ = -1;
  int in_fd_ = -1;
  int out_fd_ = -1;
  std::string pending_;
  std::size_t consumed_ = 0;
  bool reaped_ = false;
};

// Runs a program to completion with nothing on stdin; returns its exit code (-1 when it
// could not start or took longer than `timeout_ms`, in which case it is killed) and its
// standard output in `out`.
int run_to_end(const std::vector<std::string>& argv, const std::string& stderr_path, int timeout_ms,
               std::string& out);

// Ignore SIGPIPE: a child that died shows up as a failed write, not as our own death.
void ignore_sigpipe();

}  // namespace shelfnode::bench
