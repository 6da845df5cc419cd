#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "shelfnode/core/result.h"
#include "shelfnode/platform/feedback.h"

namespace shelfnode::platform {

enum class FeedbackKind { kTerminal, kNone, kGpio };

// How the clerk is told, as configured, checked.
struct FeedbackSpec {
  // Lines on the terminal by default: they need no hardware and say what was done.
  FeedbackKind kind = FeedbackKind::kTerminal;
  std::string chip;         // gpio: the chip's path, /dev/gpiochipN or a udev link to it
  unsigned line = 0;        // gpio: the line's offset on that chip
  bool active_low = false;  // gpio: the beeper sounds while the line is low
};

// Reads "terminal", "none" or "gpio:CHIP,line=N[,active_low=0|1]". Errors are configuration
// errors naming what is wrong. Whether the chip has the line is for start() to find out.
Result<FeedbackSpec> parse_feedback_spec(std::string_view text);

// The feedback a spec describes, not started yet. Reply lines go to `terminal_fd` (see
// Feedback::set_terminal()). A gpio spec writes those lines too, the patterns on top: the
// journal keeps what the clerk was told whichever way it was said.
std::unique_ptr<Feedback> make_feedback(const FeedbackSpec& spec, int terminal_fd);

}  // namespace shelfnode::platform
