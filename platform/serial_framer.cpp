#include "shelfnode/platform/serial_framer.h"

#include "shelfnode/core/printable.h"

namespace shelfnode::platform {
namespace {

std::string terminators(Suffix suffix) {
  switch (suffix) {
    case Suffix::kEnter:
      return "\r\n";
    case Suffix::kTab:
      return "\t";
    case Suffix::kNone:
      return "";
  }
  return "";
}

}  // namespace

SerialFramer::SerialFramer(ScanFraming framing, int baud)
    : framing_(framing), baud_(baud), lines_(framing.max_scan, terminators(framing.suffix)) {}

bool SerialFramer::gap_proven() const {
  return lines_.partial() && quiet_at_ >= last_ + framing_.gap;
}

void SerialFramer::feed(std::string_view bytes, Instant at, std::vector<Scan>& out) {
  if (bytes.empty()) return;
  if (gap_proven()) end_on_gap(out);
  lines_.feed(bytes, frames_);
  deliver(frames_, out);
  last_ = at;
}

void SerialFramer::quiet(Instant at) {
  if (at > quiet_at_) quiet_at_ = at;
}

std::optional<Instant> SerialFramer::deadline() const {
  if (!lines_.partial()) return std::nullopt;
  return last_ + framing_.gap;
}

void SerialFramer::expire(Instant, std::vector<Scan>& out) {
  if (gap_proven()) end_on_gap(out);
}

void SerialFramer::end_on_gap(std::vector<Scan>& out) {
  lines_.finish(frames_);
  if (framing_.suffix == Suffix::kNone || frames_.empty()) return deliver(frames_, out);
  frames_.clear();
  out.push_back(Scan::refuse("frame cut off: no " + std::string(suffix_name(framing_.suffix)) +
                             " came within " + std::to_string(framing_.gap.count()) +
                             " ms of the last byte; check the scanner's suffix "
                             "(scanner.suffix) and scan again"));
}

void SerialFramer::unplugged(std::vector<Scan>& out) {
  lines_.finish(frames_);
  if (!frames_.empty()) out.push_back(Scan::refuse("scanner unplugged mid-scan"));
  frames_.clear();
}

void SerialFramer::deliver(std::vector<std::string>& frames, std::vector<Scan>& out) {
  const std::string line_settings =
      "check that the scanner and shelfnode use the same baud "
      "rate (" +
      std::to_string(baud_) + ") and 8N1";
  for (std::string& frame : frames) {
    if (frame.size() > framing_.max_scan) {
      // Cut at the limit, maybe inside a character: the session refuses it as too long.
      out.push_back(Scan{std::move(frame), std::string()});
    } else if (const std::size_t nul = frame.find('\0'); nul != std::string::npos) {
      out.push_back(Scan::refuse("garbled frame: a NUL byte at position " +
                                 std::to_string(nul + 1) + "; " + line_settings));
    } else if (!is_valid_utf8(frame)) {
      out.push_back(Scan::refuse("garbled frame: bytes that are not text; " + line_settings));
    } else {
      out.push_back(Scan{std::move(frame), std::string()});
    }
  }
  frames.clear();
}

}  // namespace shelfnode::platform
