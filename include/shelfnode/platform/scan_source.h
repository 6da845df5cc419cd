#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "shelfnode/core/result.h"

namespace shelfnode::platform {

// CLOCK_MONOTONIC, the clock evdev stamps key events with once a source asks for it.
using Instant = std::chrono::steady_clock::time_point;

// What a scanner delivered: the text of one complete scan, or a refusal saying why what came
// could not be read as one (a scan is never turned into a different code).
struct Scan {
  std::string text;
  std::string refusal;  // empty for a scan

  bool refused() const { return !refusal.empty(); }
  static Scan refuse(std::string why) { return Scan{std::string(), std::move(why)}; }
};

// One scanner as an event loop sees it. Nothing here blocks or sleeps: the owner waits (poll,
// epoll) until one of fds() is readable or deadline() has passed, then calls on_readable() or
// on_deadline(), which read what is there and append complete scans and refusals to `out`.
// Idle means no deadline at all; a deadline is armed only while a scan is partial (its
// inter-key or inter-byte gap timer). The set of fds changes when a device comes and goes,
// so the owner asks again after every call.
class ScanSource {
 public:
  virtual ~ScanSource() = default;

  // Opens the device if it is there, or starts waiting for it. Fails only for what waiting
  // cannot mend: the path is no scanner of this kind, it may not be opened, another program
  // holds it.
  virtual Status start() = 0;
  virtual std::vector<int> fds() const = 0;
  virtual std::optional<Instant> deadline() const = 0;
  // `fd` (one of fds()) is readable or hung up.
  virtual Status on_readable(int fd, std::vector<Scan>& out) = 0;
  // Called once `now` has reached deadline().
  virtual Status on_deadline(Instant now, std::vector<Scan>& out) = 0;
  // True once input has ended for good (stdin at end of file). A device source never ends: an
  // unplugged scanner is waited for.
  virtual bool ended() const = 0;
};

}  // namespace shelfnode::platform
