#pragma once

// What the key decoder tests type with: a synthetic scanner that produces evdev events with
// timestamps, and the four layouts written down a second time, as rows of key caps,
// independently of platform/key_tables.cpp, so a slip in either shows up as a test failure.

#include <linux/input.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "shelfnode/platform/key_decoder.h"

namespace shelfnode::platform::testing {

// One level of a key as the tests expect it: a character, a dead key with its bare
// character, or nothing ASCII.
struct Cap {
  enum Kind { kChar, kDead, kNone } kind = kNone;
  char ch = 0;
};

struct ExpectedKey {
  unsigned code;
  Cap plain, shift, altgr;
  bool letter;  // plain is a-z
};

// Every key of the four main rows of `layout` ("us", "uk", "de", "fr").
std::vector<ExpectedKey> expected_keys(std::string_view layout);

// A scanner typing: key events, each followed by SYN_REPORT (and preceded by EV_MSC, as a
// real HID keyboard sends), at a clock the test moves on.
class Typist {
 public:
  Typist() = default;
  void down(unsigned code) { key(code, 1); }
  void up(unsigned code) { key(code, 0); }
  void tap(unsigned code) {
    down(code);
    up(code);
  }
  void key(unsigned code, int value);
  void syn(unsigned code);
  void wait(std::chrono::microseconds d) { now += d; }

  Instant now = Instant(std::chrono::seconds(5000));
  std::vector<input_event> events;
};

// Feeds every event at its own timestamp; returns the scans and refusals.
std::vector<Scan> feed_all(KeyDecoder& decoder, const std::vector<input_event>& events);

}  // namespace shelfnode::platform::testing
