// Keyboard-wedge decoding: evdev events through platform::KeyDecoder, fed as EvdevSource and
// SourceReader feed it. Byte 0: layout (bits 0-1: us, uk, de, fr), suffix (bits 2-3: enter,
// tab, none, enter), how the input ends (bit 4: unplugged, else the last deadline passes),
// mode (bit 7). Byte 1: the gap, 10 + 2 * b ms. Byte 2: max_scan (0: the default 4096).
//
// Mode 0, any events: 5-byte records (type, code, value, time since the event before, how
// late the loop wakes for a deadline). When the decoder's deadline falls before the next
// event the loop wakes then (late), feeds the events stamped by then and calls expire, as
// on_deadline does. A scan is text or a refusal with a reason, never both; a reason is one
// short printable line; a text is not blank (unless too long), holds at most max_scan + 1
// characters, all ASCII but NUL, and unless an Alt code may have been typed (a keypad digit while
// an Alt key was down) only what the layout's keys type, GS, and CR or HT where they are not the
// suffix; after expire(now) no deadline is due at now; at the end the decoder is idle.
//
// Mode 1, text typed: key_typist.h types 3-byte records (character, route, pace) with the
// tests' own rows of the layout; the scans are exactly the texts typed, cut to max_scan + 1.

#include <linux/input-event-codes.h>
#include <linux/input.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "key_typist.h"
#include "shelfnode/platform/key_decoder.h"

namespace shelfnode::fuzz {
namespace {

using platform::Instant;
using platform::KeyDecoder;
using platform::Scan;
using platform::ScanFraming;
using platform::Suffix;
using std::chrono::microseconds;

constexpr char kGroupSeparator = 0x1D;
// Every reason the decoder words is far shorter (the longest names a key code, a level and
// the layout twice). A reason is one log line: its length must not grow with what came.
constexpr std::size_t kMaxReason = 256;
constexpr const char* kLayouts[] = {"us", "uk", "de", "fr"};

struct Setup {
  const platform::KeyLayout* layout = nullptr;
  ScanFraming framing;
  bool unplug_at_end = false;
};

bool is_blank(std::string_view s) {
  return s.find_first_not_of(" \t") == std::string_view::npos;
}

// What a layout's keys type, from the tests' rows (not the decoder's tables): every ASCII
// character on a key at any level (a dead key's bare accent comes with Space), and the keypad.
const std::string& layout_characters(std::size_t index) {
  static std::string chars[4];
  std::string& c = chars[index];
  if (c.empty()) {
    c = std::string(" 0123456789/*-+") + (index == 2 ? ',' : '.');
    for (const platform::testing::ExpectedKey& key :
         platform::testing::expected_keys(kLayouts[index])) {
      for (const platform::testing::Cap& cap : {key.plain, key.shift, key.altgr}) {
        if (cap.kind != platform::testing::Cap::kNone) c += cap.ch;
      }
    }
  }
  return c;
}

void check_scan(const Scan& scan, const Setup& s, const std::string& layout_chars, bool alt_codes) {
  if (scan.refused()) {
    FUZZ_CHECK(scan.text.empty());
    FUZZ_CHECK(scan.refusal.size() <= kMaxReason);
    FUZZ_CHECK(is_printable_line(scan.refusal));
    return;
  }
  // Not blank (so never empty on both sides), unless too long: what is kept of a scan past
  // max_scan may be spaces, and the session refuses it for its length.
  FUZZ_CHECK(!is_blank(scan.text) || scan.text.size() == s.framing.max_scan + 1);
  FUZZ_CHECK(scan.text.size() <= s.framing.max_scan + 1);
  for (char c : scan.text) {
    const auto u = static_cast<unsigned char>(c);
    FUZZ_CHECK(u >= 1 && u <= 127);  // Alt codes reach every ASCII code but NUL
    if (alt_codes) continue;
    FUZZ_CHECK(c == kGroupSeparator || layout_chars.find(c) != std::string::npos ||
               (c == '\r' && s.framing.suffix != Suffix::kEnter) ||
               (c == '\t' && s.framing.suffix != Suffix::kTab));
  }
}

input_event stamped(Instant at) {
  const auto since = at.time_since_epoch();
  const auto sec = std::chrono::duration_cast<std::chrono::seconds>(since);
  input_event e{};
  e.input_event_sec = sec.count();
  e.input_event_usec = std::chrono::duration_cast<microseconds>(since - sec).count();
  return e;
}

struct Event {
  input_event event;
  Instant at;
  microseconds late;  // how late the loop wakes if a deadline falls before this event
};

std::vector<Event> read_events(const std::uint8_t* p, std::size_t n) {
  std::vector<Event> events;
  Instant at = platform::testing::Typist().now;
  for (; n >= 5; p += 5, n -= 5) {
    // Up to 32 ms in quarter milliseconds, or up to a second in steps of 8 ms.
    at += p[3] < 128 ? microseconds(250 * p[3]) : microseconds(8000 * (p[3] - 128));
    input_event e = stamped(at);
    switch (p[0] & 3) {
      case 0:
      case 1:
        e.type = EV_KEY;
        e.code = static_cast<__u16>(p[1] | ((p[0] >> 2) & 3) << 8);  // up to KEY_MAX and past
        break;
      case 2:
        e.type = EV_SYN;
        e.code = p[1];
        break;
      default:
        e.type = static_cast<__u16>(p[0] >> 2);
        e.code = p[1];
    }
    e.value = p[2] % 4 == 3 ? static_cast<std::int8_t>(p[2]) : p[2] % 4;
    events.push_back(Event{e, at, microseconds(500 * p[4])});
  }
  return events;
}

bool is_keypad_digit(unsigned code) {
  return (code >= KEY_KP7 && code <= KEY_KP9) || (code >= KEY_KP4 && code <= KEY_KP6) ||
         (code >= KEY_KP1 && code <= KEY_KP0);
}

void run_events(const Setup& s, std::size_t layout_index, const std::uint8_t* p, std::size_t n) {
  const std::vector<Event> events = read_events(p, n);
  KeyDecoder decoder(*s.layout, s.framing);
  std::vector<Scan> out;
  // The harness's own view of Alt: down from a press to a release. The decoder forgets keys
  // on SYN_DROPPED and unplug, so it never holds Alt when this says it is up.
  bool alt_down[2] = {false, false};
  bool alt_codes = false;
  const auto feed = [&](const Event& ev) {
    const input_event& e = ev.event;
    if (e.type == EV_KEY && e.value != 2) {
      if (e.code == KEY_LEFTALT) alt_down[0] = e.value == 1;
      if (e.code == KEY_RIGHTALT) alt_down[1] = e.value == 1;
      if (e.value == 1 && is_keypad_digit(e.code) && (alt_down[0] || alt_down[1])) {
        alt_codes = true;
      }
    }
    decoder.feed(e, KeyDecoder::event_time(e), out);
  };
  for (std::size_t i = 0; i < events.size();) {
    const std::optional<Instant> due = decoder.deadline();
    if (!due || *due > events[i].at) {
      feed(events[i++]);
      continue;
    }
    // on_deadline: what came until the loop woke is read first, then the gap is judged.
    const Instant now = *due + events[i].late;
    while (i < events.size() && events[i].at <= now) feed(events[i++]);
    decoder.expire(now, out);
    const std::optional<Instant> next = decoder.deadline();
    FUZZ_CHECK(!next || *next > now);
  }
  if (s.unplug_at_end) {
    decoder.unplugged(out);
  } else if (const std::optional<Instant> due = decoder.deadline()) {
    decoder.expire(*due, out);
  }
  FUZZ_CHECK(!decoder.deadline());
  for (const Scan& scan : out) check_scan(scan, s, layout_characters(layout_index), alt_codes);
}

// Types the records, a scan at a time, and checks that each comes back as it was typed.
void run_typed(const Setup& s, const std::uint8_t* p, std::size_t n) {
  KeyDecoder decoder(*s.layout, s.framing);
  KeyTypist typist(*s.layout, s.framing.gap);
  const microseconds gap = s.framing.gap;
  std::string typed;
  const auto end_scan = [&](std::uint8_t how, std::uint8_t pace) {
    typist.end_scan(s.framing.suffix, how);
    std::vector<Scan> out = platform::testing::feed_all(decoder, typist.events());
    if (s.framing.suffix == Suffix::kNone) {
      // Without a suffix the scan ends at the gap after its last key event, not before.
      const Instant last = typist.now();
      FUZZ_CHECK(typed.empty() ? !decoder.deadline() : decoder.deadline() == last + gap);
      decoder.expire(last + gap - microseconds(1), out);
      FUZZ_CHECK(out.empty());
      decoder.expire(last + gap, out);
      typist.wait(gap);
    }
    FUZZ_CHECK(!decoder.deadline());
    if (is_blank(typed)) {
      FUZZ_CHECK(out.empty());
    } else {
      FUZZ_CHECK(out.size() == 1);
      FUZZ_CHECK(!out[0].refused());
      FUZZ_CHECK(out[0].text == typed.substr(0, s.framing.max_scan + 1));
    }
    typed.clear();
    typist.clear();
    typist.wait(microseconds(4000 * pace));  // idle: any pause
  };
  for (; n >= 3; p += 3, n -= 3) {
    if (p[0] == 0xFF) {
      end_scan(p[1], p[2]);
      continue;
    }
    const char c = p[0] >= 0xF0 ? kGroupSeparator : static_cast<char>(' ' + p[0] % 95);
    typist.type(c, p[1], p[2]);
    typed += c;
  }
  end_scan(0, 0);
}

}  // namespace
}  // namespace shelfnode::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace shelfnode::fuzz;
  if (size < 3) return 0;
  Setup s;
  const std::size_t layout_index = data[0] & 3;
  s.layout = shelfnode::platform::find_layout(kLayouts[layout_index]);
  FUZZ_CHECK(s.layout != nullptr);
  const int suffix = (data[0] >> 2) & 3;
  s.framing.suffix = suffix == 1 ? Suffix::kTab : suffix == 2 ? Suffix::kNone : Suffix::kEnter;
  s.framing.gap = std::chrono::milliseconds(10 + 2 * data[1]);
  s.framing.max_scan = data[2] == 0 ? ScanFraming::kDefaultMaxScan : data[2];
  s.unplug_at_end = (data[0] & 0x10) != 0;
  if (data[0] & 0x80) {
    run_typed(s, data + 3, size - 3);
  } else {
    run_events(s, layout_index, data + 3, size - 3);
  }
  return 0;
}
