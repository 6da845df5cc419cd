// Serial framing: bytes as a serial line delivers them, in reads of any size at any time,
// through platform::SerialFramer as SerialSource and SourceReader drive it. Byte 0: suffix
// (bits 0-1: enter, tab, none, enter) and how the input ends (bit 2: unplugged, else the line
// stays quiet past the deadline). Byte 1: the gap, 10 + 2 * b ms. Byte 2: max_scan (0: the
// default 4096). Then reads: a control byte (bits 0-4: how many bytes the read finds, 0 for
// none; bits 5-7: when it happens after the read before: at once, 1 ms, half the gap, the gap
// less 1 ms, the gap, the gap and 1 ms, three gaps, or when the framer's deadline wakes the
// loop) and those bytes.
//
// A model written from the framing rules (serial_framer.h, line_framer.h) reads the same
// script: a frame ends at a suffix byte, or where a read found the line quiet a gap after the
// read that brought the last byte; a frame cut by a gap is refused if there is a suffix; blank
// frames are none; a frame past max_scan is its first max_scan + 1 bytes; a NUL or bytes that
// are not UTF-8 refuse it. The framer's scans must be the model's, in order: so every byte of
// a scan was in the input, no scan holds a suffix byte or exceeds max_scan + 1 bytes, and every
// refusal has a reason. The deadline is armed exactly while a frame is partial, a gap after
// the read that brought its last byte.

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "shelfnode/platform/serial_framer.h"

namespace shelfnode::fuzz {
namespace {

using platform::Instant;
using platform::Scan;
using platform::ScanFraming;
using platform::Suffix;
using std::chrono::milliseconds;

// The model judges a frame blank by every byte it held, as LineFramer now does (it once judged
// by the kept bytes only, so spaces past the limit and then a code vanished; this harness
// found it). True would model the old rule.
constexpr bool kBlankByKeptBytes = false;

bool is_blank(std::string_view s) {
  return s.find_first_not_of(" \t") == std::string_view::npos;
}

// RFC 3629 by code point, written apart from core::is_valid_utf8: no overlong form, no
// surrogate, nothing past U+10FFFF.
bool is_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto lead = static_cast<unsigned char>(s[i]);
    const std::size_t len = lead < 0x80       ? 1
                            : lead >> 5 == 6  ? 2
                            : lead >> 4 == 14 ? 3
                            : lead >> 3 == 30 ? 4
                                              : 0;
    if (len == 0 || i + len > s.size()) return false;
    std::uint32_t cp = len == 1 ? lead : lead & (0x7F >> len);
    for (std::size_t k = 1; k < len; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      if (b >> 6 != 2) return false;
      cp = cp << 6 | (b & 0x3F);
    }
    const std::uint32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < least[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

struct Expected {
  bool refused;
  std::string text;
};

class FramingModel {
 public:
  explicit FramingModel(const ScanFraming& f) : f_(f) {}

  void feed(std::string_view bytes, Instant at) {
    if (gap_proven()) cut();
    for (char c : bytes) {
      if (is_suffix(c)) {
        end_frame();
      } else {
        partial_ += c;
      }
    }
    last_ = at;
    quiet_since_ = false;
  }
  void quiet(Instant at) {
    if (at >= last_ + f_.gap) quiet_since_ = true;
  }
  void expire() {
    if (gap_proven()) cut();
  }
  void unplugged() {
    if (!blank()) out.push_back({true, ""});
    partial_.clear();
  }
  bool is_suffix(char c) const {
    if (f_.suffix == Suffix::kEnter) return c == '\r' || c == '\n';
    return f_.suffix == Suffix::kTab && c == '\t';
  }
  std::optional<Instant> deadline() const {
    if (partial_.empty()) return std::nullopt;
    return last_ + f_.gap;
  }

  std::vector<Expected> out;

 private:
  bool gap_proven() const { return !partial_.empty() && quiet_since_; }
  bool blank() const {
    return is_blank(kBlankByKeptBytes ? partial_.substr(0, f_.max_scan + 1) : partial_);
  }
  void cut() {
    if (f_.suffix == Suffix::kNone) return end_frame();
    if (!blank()) out.push_back({true, ""});
    partial_.clear();
  }
  void end_frame() {
    if (!blank()) out.push_back(frame(partial_));
    partial_.clear();
  }
  Expected frame(const std::string& f) const {
    if (f.size() > f_.max_scan) return {false, f.substr(0, f_.max_scan + 1)};
    if (f.find('\0') != std::string::npos || !is_utf8(f)) return {true, ""};
    return {false, f};
  }

  ScanFraming f_;
  std::string partial_;  // the whole frame, however long
  Instant last_{};
  bool quiet_since_ = false;  // a read found the line quiet a gap after last_
};

void check_scans(const std::vector<Scan>& got, const FramingModel& model, const ScanFraming& f) {
  FUZZ_CHECK(got.size() == model.out.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    const Scan& scan = got[i];
    FUZZ_CHECK(scan.refused() == model.out[i].refused);
    if (scan.refused()) {
      FUZZ_CHECK(scan.text.empty());
      FUZZ_CHECK(is_printable_line(scan.refusal));
      continue;
    }
    // Implied by the model, stated on their own: bounded, no suffix byte, not blank (but a
    // frame too long may keep only blanks: what followed them made it a scan, refused later
    // for its length).
    FUZZ_CHECK(scan.text.size() <= f.max_scan + 1);
    for (char c : scan.text) FUZZ_CHECK(!model.is_suffix(c));
    FUZZ_CHECK(scan.text.size() > f.max_scan || !is_blank(scan.text));
    FUZZ_CHECK(scan.text == model.out[i].text);
  }
}

}  // namespace
}  // namespace shelfnode::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace shelfnode;
  using namespace shelfnode::fuzz;
  if (size < 3) return 0;
  ScanFraming f;
  const int suffix = data[0] & 3;
  f.suffix = suffix == 1 ? Suffix::kTab : suffix == 2 ? Suffix::kNone : Suffix::kEnter;
  f.gap = milliseconds(10 + 2 * data[1]);
  f.max_scan = data[2] == 0 ? ScanFraming::kDefaultMaxScan : data[2];
  const bool unplug_at_end = (data[0] & 4) != 0;
  platform::SerialFramer framer(f, 9600);
  FramingModel model(f);
  std::vector<Scan> out;
  const milliseconds delays[] = {
      milliseconds(0), milliseconds(1),         f.gap / 2, f.gap - milliseconds(1),
      f.gap,           f.gap + milliseconds(1), 3 * f.gap};
  Instant now = Instant(std::chrono::seconds(100));
  std::string_view rest = as_text(data + 3, size - 3);
  while (!rest.empty()) {
    const auto control = static_cast<unsigned char>(rest[0]);
    const std::string_view bytes = rest.substr(1, control & 31);
    rest.remove_prefix(1 + bytes.size());
    const std::optional<Instant> due = framer.deadline();
    FUZZ_CHECK(due == model.deadline());
    const bool timer = control >> 5 == 7 && due;
    if (timer) {
      if (*due > now) now = *due;
    } else {
      now += delays[(control >> 5) % 7];
    }
    // One read: the bytes it finds, or the line found quiet.
    if (bytes.empty()) {
      framer.quiet(now);
      model.quiet(now);
    } else {
      framer.feed(bytes, now, out);
      model.feed(bytes, now);
    }
    // SourceReader calls on_deadline once the deadline has passed: woken by its timer, that
    // read was on_deadline's; woken by the line, on_deadline reads again and finds nothing.
    const std::optional<Instant> after = framer.deadline();
    if (timer || (after && *after <= now)) {
      if (!timer) {
        framer.quiet(now);
        model.quiet(now);
      }
      framer.expire(now, out);
      model.expire();
    }
  }
  if (unplug_at_end) {
    framer.unplugged(out);
    model.unplugged();
  } else if (const std::optional<Instant> due = framer.deadline()) {
    now = std::max(now, *due);
    framer.quiet(now);
    model.quiet(now);
    framer.expire(now, out);
    model.expire();
  }
  FUZZ_CHECK(!framer.deadline());
  check_scans(out, model, f);
  return 0;
}
