#pragma once

#include <string>

#include "shelfnode/core/status.h"

namespace shelfnode::session {

// The longest reason an ERR line carries, in characters: about two lines of a till's
// terminal. The rest of a long message goes to the log.
constexpr std::size_t kTillReasonChars = 100;

// A refused scan, said twice: `reply` for the clerk ("ERR <short reason>[: what to do]",
// one line, printable), `detail` for the owner (the whole message with its advice, for the
// log; empty when the reply already says all of it).
struct TillRefusal {
  std::string reply;
  std::string detail;
};

// Leads with the reason: a wrong check digit is "check digit wrong" (the likely misread, and
// the clerk's next step is to scan again); otherwise the message up to its advice (the part
// after "; ", which names commands for the owner), cut at kTillReasonChars with "…".
TillRefusal till_refusal(const Status& status);

}  // namespace shelfnode::session
