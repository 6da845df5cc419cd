#include "shelfnode/session/till_reply.h"

#include <string_view>

#include "shelfnode/core/printable.h"

namespace shelfnode::session {
namespace {

// `text` cut to at most `chars` characters, ending in "…" when cut; never inside a UTF-8
// character (printable() output is valid UTF-8).
std::string cut(const std::string& text, std::size_t chars) {
  std::size_t n = 0, end = 0;
  for (; end < text.size(); ++end) {
    const bool starts_char = (static_cast<unsigned char>(text[end]) & 0xC0) != 0x80;
    if (starts_char && n++ == chars - 1) break;
  }
  if (end >= text.size()) return text;
  return text.substr(0, end) + "\u2026";
}

}  // namespace

TillRefusal till_refusal(const Status& status) {
  const std::string full = printable(status.message());
  TillRefusal out;
  std::string reason;
  if (full.find("check digit of ") != std::string::npos) {
    reason = "check digit wrong: scan again, or type the code";
  } else {
    reason = full.substr(0, full.find("; "));
  }
  reason = cut(reason, kTillReasonChars);
  out.reply = "ERR " + reason;
  if (reason != full) out.detail = full;
  return out;
}

}  // namespace shelfnode::session
