#pragma once

// The typing side of the key_decoder harness: a scanner that types each character by a route
// the fuzz input picks, working from the tests' own rows of the layout
// (tests/unit/platform/key_typing.cpp), never from the decoder's tables. Routes: the key at
// its level (Shift either side, AltGr as Right Alt or as Ctrl+Left Alt, a dead key and then
// Space), the keypad, an Alt code with or without its leading zero, and for GS also Ctrl+].
// Every key event comes less than the gap after the one before, so none ends the scan.

#include <linux/input-event-codes.h>
#include <linux/input.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "key_typing.h"
#include "shelfnode/platform/framing.h"
#include "shelfnode/platform/key_layout.h"

namespace shelfnode::fuzz {

class KeyTypist {
 public:
  KeyTypist(const platform::KeyLayout& layout, std::chrono::microseconds gap)
      : layout_(layout), gap_(gap) {
    using platform::testing::Cap;
    for (const platform::testing::ExpectedKey& key :
         platform::testing::expected_keys(layout.name())) {
      add(key.plain, Route{Way::kKey, key.code, Level::kPlain, key.letter});
      add(key.shift, Route{Way::kKey, key.code, Level::kShift, key.letter});
      if (layout.has_altgr()) add(key.altgr, Route{Way::kKey, key.code, Level::kAltGr, false});
    }
    routes_[static_cast<unsigned char>(' ')].push_back(
        Route{Way::kKey, KEY_SPACE, Level::kPlain, false});
    const char decimal = layout.name() == "de" ? ',' : '.';
    const struct {
      char ch;
      unsigned code;
    } keypad[] = {{'0', KEY_KP0},        {'1', KEY_KP1},       {'2', KEY_KP2},
                  {'3', KEY_KP3},        {'4', KEY_KP4},       {'5', KEY_KP5},
                  {'6', KEY_KP6},        {'7', KEY_KP7},       {'8', KEY_KP8},
                  {'9', KEY_KP9},        {decimal, KEY_KPDOT}, {'/', KEY_KPSLASH},
                  {'*', KEY_KPASTERISK}, {'-', KEY_KPMINUS},   {'+', KEY_KPPLUS}};
    for (const auto& k : keypad) {
      routes_[static_cast<unsigned char>(k.ch)].push_back(
          Route{Way::kKeypad, k.code, Level::kPlain, false});
    }
    for (unsigned c = 1; c < 128; ++c) {
      routes_[c].push_back(Route{Way::kAltCode, 0, Level::kPlain, false});
    }
    routes_[0x1D].push_back(Route{Way::kCtrlBracket, KEY_RIGHTBRACE, Level::kPlain, false});
  }

  // `how`: bits 0-2 the route, bit 3 Right Shift, bit 4 Right Alt for AltGr (else Ctrl+Left
  // Alt), Right Alt for an Alt code where Right Alt is no AltGr, Right Ctrl for GS; bit 5
  // CapsLock first; bit 6 NumLock first and an autorepeat of the key; bit 7 a four-digit Alt
  // code. `pace`: the time between two key events, as a share of the gap.
  void type(char c, std::uint8_t how, std::uint8_t pace) {
    step_ = std::chrono::microseconds((gap_.count() - 1) * pace / 255);
    if (how & 0x20) {
      tap(KEY_CAPSLOCK);
      caps_ = !caps_;
    }
    if (how & 0x40) tap(KEY_NUMLOCK);  // a modifier the decoder reads as nothing
    const std::vector<Route>& routes = routes_[static_cast<unsigned char>(c)];
    const Route& r = routes[(how & 7) % routes.size()];
    switch (r.way) {
      case Way::kAltCode:
        return alt_code(static_cast<unsigned char>(c), how);
      case Way::kCtrlBracket: {
        const unsigned ctrl = how & 0x10 ? KEY_RIGHTCTRL : KEY_LEFTCTRL;
        down(ctrl);
        press(KEY_RIGHTBRACE, how);
        return up(ctrl);
      }
      case Way::kKeypad:
        return press(r.code, how);
      case Way::kKey:
        return key(r, how);
    }
  }

  void end_scan(platform::Suffix suffix, std::uint8_t how) {
    if (suffix == platform::Suffix::kEnter) press(how & 1 ? KEY_KPENTER : KEY_ENTER, 0);
    if (suffix == platform::Suffix::kTab) press(KEY_TAB, 0);
  }

  const std::vector<input_event>& events() const { return typist_.events; }
  void clear() { typist_.events.clear(); }
  platform::Instant now() const { return typist_.now; }
  void wait(std::chrono::microseconds d) { typist_.wait(d); }

 private:
  enum class Way { kKey, kKeypad, kAltCode, kCtrlBracket };
  enum class Level { kPlain, kShift, kAltGr };
  struct Route {
    Way way;
    unsigned code;
    Level level;
    bool letter;
    bool dead = false;  // followed by Space, it types its bare accent
  };

  void add(const platform::testing::Cap& cap, Route r) {
    if (cap.kind == platform::testing::Cap::kNone) return;
    r.dead = cap.kind == platform::testing::Cap::kDead;
    routes_[static_cast<unsigned char>(cap.ch)].push_back(r);
  }

  void key(const Route& r, std::uint8_t how) {
    bool shift = r.level == Level::kShift;
    if (r.letter && caps_) shift = !shift;  // CapsLock on: Shift types the small letter
    std::vector<unsigned> mods;
    if (shift) mods.push_back(how & 0x08 ? KEY_RIGHTSHIFT : KEY_LEFTSHIFT);
    if (r.level == Level::kAltGr && (how & 0x10)) mods.push_back(KEY_RIGHTALT);
    if (r.level == Level::kAltGr && !(how & 0x10)) {
      mods.push_back(KEY_LEFTCTRL);
      mods.push_back(KEY_LEFTALT);
    }
    for (unsigned m : mods) down(m);
    press(r.code, how);
    for (auto m = mods.rbegin(); m != mods.rend(); ++m) up(*m);
    if (r.dead) press(KEY_SPACE, 0);
  }

  void alt_code(unsigned value, std::uint8_t how) {
    std::string digits = std::to_string(value);
    if (how & 0x80) digits.insert(0, 4 - digits.size(), '0');
    const unsigned alt = (how & 0x10) && !layout_.has_altgr() ? KEY_RIGHTALT : KEY_LEFTALT;
    const unsigned keypad[] = {KEY_KP0, KEY_KP1, KEY_KP2, KEY_KP3, KEY_KP4,
                               KEY_KP5, KEY_KP6, KEY_KP7, KEY_KP8, KEY_KP9};
    down(alt);
    for (char d : digits) press(keypad[d - '0'], 0);
    up(alt);
  }

  // A key down and up; with bit 6 of `how`, an autorepeat between (a late release).
  void press(unsigned code, std::uint8_t how) {
    down(code);
    if (how & 0x40) typist_.key(code, 2);
    up(code);
  }
  void tap(unsigned code) { press(code, 0); }
  void down(unsigned code) {
    typist_.wait(step_);
    typist_.down(code);
  }
  void up(unsigned code) {
    typist_.wait(step_);
    typist_.up(code);
  }

  const platform::KeyLayout& layout_;
  std::chrono::microseconds gap_;
  std::vector<Route> routes_[128];
  platform::testing::Typist typist_;
  std::chrono::microseconds step_{0};
  bool caps_ = false;
};

}  // namespace shelfnode::fuzz
