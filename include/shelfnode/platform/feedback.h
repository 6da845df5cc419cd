#pragma once

#include <optional>
#include <string_view>

#include "shelfnode/core/status.h"
#include "shelfnode/platform/scan_source.h"

namespace shelfnode::platform {

// What the clerk is told about each scan, and only once the batch it was in is committed: a
// reply line, a beep, a blink never promises what the database does not yet hold.
//
// Made for the daemon's one event loop, like ScanSource: nothing here blocks or sleeps. A
// pattern that takes time (pulses of a beeper) is driven by deadline() and on_deadline(); an
// idle feedback has no deadline, so it costs no wake-ups. A line, a chip or a terminal that
// fails while running is logged once and counted, never an error: scanning goes on without
// feedback rather than stopping for it.
class Feedback {
 public:
  virtual ~Feedback() = default;

  // Takes what the feedback drives (a GPIO line). Fails at start-up only, for what the
  // configuration must mend (a chip that is not there, a line already taken, no permission).
  [[nodiscard]] virtual Status start() = 0;

  // One call per scan reply ("OK ..." or "ERR ..."), right after the commit returned. Neither
  // waits: a pattern is queued and begins at the next on_deadline().
  virtual void acknowledged(std::string_view reply) = 0;
  virtual void refused(std::string_view reply) = 0;

  // When on_deadline() is due. May already be past (a pattern waits to begin): then the owner
  // waits no time at all. Nothing while no pattern plays or waits.
  virtual std::optional<Instant> deadline() const = 0;
  // Called once `now` has reached deadline(); steps the pattern on. Device failures are not
  // reported here (see above); an error means a bug and may be treated as one.
  [[nodiscard]] virtual Status on_deadline(Instant now) = 0;

  // Where reply lines go from now on (a serial scanner's new tty after a replug); the feedback
  // keeps its own descriptor, so the caller may close `fd` at any time. -1: nowhere (each line
  // is counted as dropped). Feedback that writes no lines ignores it.
  virtual void set_terminal(int fd) { static_cast<void>(fd); }
};

}  // namespace shelfnode::platform
