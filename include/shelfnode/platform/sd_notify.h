#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "shelfnode/core/status.h"

namespace shelfnode::platform {

// systemd's notify protocol (sd_notify(3)) without libsystemd: one datagram of
// newline-separated VAR=VALUE assignments to the AF_UNIX socket named by $NOTIFY_SOCKET (a
// path, or '@' for the abstract namespace). Without $NOTIFY_SOCKET (not started by systemd,
// or Type= is not notify) every call is a no-op that succeeds, so the daemon runs the same
// from a terminal.
class Notifier {
 public:
  // Reads $NOTIFY_SOCKET and $WATCHDOG_USEC (with $WATCHDOG_PID, when set, naming this
  // process) once.
  static Notifier from_environment();
  // For tests: a socket path ("" = none) and a watchdog interval.
  Notifier(std::string socket_path, std::optional<std::chrono::microseconds> watchdog);

  bool enabled() const { return !path_.empty(); }
  // How often systemd wants WATCHDOG=1 (WatchdogSec=); pinging at half of it is the advice.
  std::optional<std::chrono::microseconds> watchdog_interval() const { return watchdog_; }

  Status ready(std::string_view status) const;  // READY=1 + STATUS
  Status watchdog() const;                        // WATCHDOG=1
  Status status(std::string_view status) const;  // STATUS=...
  Status stopping() const;                        // STOPPING=1
  Status reloading() const;                       // RELOADING=1
  // Any assignments ("READY=1\nSTATUS=..."); a newline inside STATUS is replaced by a space.
  Status send(const std::string& message) const;

 private:
  std::string path_;
  std::optional<std::chrono::microseconds> watchdog_;
};

}  // namespace shelfnode::platform
