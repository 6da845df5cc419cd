#pragma once

#include <sys/types.h>

#include <string>

#include "bench_support.h"

namespace shelfnode::bench {

// The benchmark's stand-in for systemd's notify socket: an AF_UNIX datagram socket bound at
// a path that the daemon finds in $NOTIFY_SOCKET. Like systemd it asks the kernel for the
// sender's credentials (SO_PASSCRED), so each message says which PID sent it: the proof that
// `shelfnode daemon` became shelfnoded in the same process.
class NotifyListener {
 public:
  NotifyListener() = default;
  ~NotifyListener();
  NotifyListener(const NotifyListener&) = delete;
  NotifyListener& operator=(const NotifyListener&) = delete;

  // Binds at `path` (removed first if a stale one is there). False with `error`.
  bool open(const std::string& path, std::string& error);
  const std::string& path() const { return path_; }

  struct Message {
    std::string text;  // "READY=1\nSTATUS=starting"
    pid_t sender = 0;  // from SCM_CREDENTIALS; 0 when the kernel sent none
    SteadyTime at;     // when recv() returned it
  };
  // The next datagram, or false after `timeout_ms` (0: only what is already queued).
  bool next(int timeout_ms, Message& out);
  // Skips datagrams until one contains `assignment` (e.g. "READY=1"); false on timeout.
  bool wait_for(const std::string& assignment, int timeout_ms, Message& out);
  // Drops whatever is queued; how many datagrams contained `assignment`. Call it often while
  // a daemon runs, as systemd reads every message: once the queue holds
  // net.unix.max_dgram_qlen datagrams (10 by default), the daemon's next send blocks.
  int drain_counting(const std::string& assignment);
  void drain() { (void)drain_counting("READY=1"); }

 private:
  int fd_ = -1;
  std::string path_;
};

// True when `text` (newline-separated assignments) holds the line `assignment`.
bool has_assignment(const std::string& text, const std::string& assignment);

}  // namespace shelfnode::bench
