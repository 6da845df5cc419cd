// Random scans typed the many ways a scanner may type them, with random timing, on every
// layout: each must come back exactly as it was typed, and end exactly where it ended.
//
// The typing side works from the tests' own rows (key_typing.cpp), not from the decoder's
// tables. Every character is typed by a randomly chosen route: its key and level (Shift
// either side, AltGr as Right Alt or as Ctrl+Left Alt, a dead key and Space), the keypad for
// digits and operators, or an Alt code with or without the leading zero; GS as Ctrl+] or as
// Alt+0029. CapsLock is toggled now and then (and kept across scans, as the decoder keeps it),
// the time between two key events is random and shorter than the gap, and some scans carry a
// key no layout knows, which must refuse the scan.
#include <gtest/gtest.h>
#include <linux/input-event-codes.h>

#include <cstdio>
#include <map>
#include <random>

#include "key_typing.h"

namespace shelfnode::platform {
namespace {

using namespace std::chrono_literals;
using testing::Cap;
using testing::Typist;

enum class Level { kPlain, kShift, kAltGr };

struct Route {
  unsigned code;
  Level level;
  bool dead;
  bool letter;
};

class RandomScanner {
 public:
  RandomScanner(const KeyLayout& layout, std::chrono::milliseconds gap, std::uint32_t seed)
      : layout_(layout), gap_(gap), rng_(seed) {
    for (const testing::ExpectedKey& key : testing::expected_keys(layout.name())) {
      add(key.plain, Route{key.code, Level::kPlain, key.plain.kind == Cap::kDead, key.letter});
      add(key.shift, Route{key.code, Level::kShift, key.shift.kind == Cap::kDead, key.letter});
      if (layout.has_altgr()) {
        add(key.altgr, Route{key.code, Level::kAltGr, key.altgr.kind == Cap::kDead, false});
      }
    }
    routes_[' '].push_back(Route{KEY_SPACE, Level::kPlain, false, false});
  }

  // A random scan text: printable ASCII and now and then GS, never only blanks.
  std::string text() {
    for (;;) {
      std::string s;
      const int length = pick(1, 40);
      for (int i = 0; i < length; ++i) {
        s += chance(0.05) ? '\x1D' : static_cast<char>(pick(0x20, 0x7E));
      }
      if (s.find_first_not_of(' ') != std::string::npos) return s;
    }
  }

  void type(Typist& t, const std::string& s, bool with_unknown_key) {
    const std::size_t unknown_at = with_unknown_key ? pick(0, static_cast<int>(s.size())) : ~0u;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (i == unknown_at) tap(t, KEY_F13);
      if (chance(0.03)) {
        tap(t, KEY_CAPSLOCK);
        caps_ = !caps_;
      }
      type_char(t, s[i]);
    }
    if (unknown_at == s.size()) tap(t, KEY_F13);
  }

  void end_with_enter(Typist& t) { tap(t, chance(0.5) ? KEY_ENTER : KEY_KPENTER); }

  void step(Typist& t) { t.wait(std::chrono::microseconds(pick(0, gap_us() - 1))); }
  int gap_us() const { return static_cast<int>(gap_.count() * 1000); }

  int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }

 private:
  void add(const Cap& cap, Route r) {
    if (cap.kind != Cap::kNone) routes_[cap.ch].push_back(r);
  }
  void down(Typist& t, unsigned code) {
    step(t);
    t.down(code);
  }
  void up(Typist& t, unsigned code) {
    step(t);
    t.up(code);
  }
  void tap(Typist& t, unsigned code) {
    down(t, code);
    up(t, code);
  }

  void alt_code(Typist& t, int value) {
    std::string digits = std::to_string(value);
    if (chance(0.5)) digits = std::string(4 - digits.size(), '0') + digits;
    const unsigned alt = !layout_.has_altgr() && chance(0.5) ? KEY_RIGHTALT : KEY_LEFTALT;
    const unsigned keypad[] = {KEY_KP0, KEY_KP1, KEY_KP2, KEY_KP3, KEY_KP4,
                               KEY_KP5, KEY_KP6, KEY_KP7, KEY_KP8, KEY_KP9};
    down(t, alt);
    for (char d : digits) tap(t, keypad[d - '0']);
    up(t, alt);
  }

  bool keypad(Typist& t, char c) {
    static const std::map<char, unsigned> kKeypad = {
        {'0', KEY_KP0},     {'1', KEY_KP1},   {'2', KEY_KP2},     {'3', KEY_KP3},
        {'4', KEY_KP4},     {'5', KEY_KP5},   {'6', KEY_KP6},     {'7', KEY_KP7},
        {'8', KEY_KP8},     {'9', KEY_KP9},   {'/', KEY_KPSLASH}, {'*', KEY_KPASTERISK},
        {'-', KEY_KPMINUS}, {'+', KEY_KPPLUS}};
    const char decimal = layout_.name() == "de" ? ',' : '.';
    auto it = kKeypad.find(c);
    if (c == decimal) {
      tap(t, KEY_KPDOT);
      return true;
    }
    if (it == kKeypad.end()) return false;
    tap(t, it->second);
    return true;
  }

  void type_char(Typist& t, char c) {
    if (c == '\x1D') {
      const int way = pick(0, 2);
      if (way == 2) return alt_code(t, 29);
      const unsigned ctrl = chance(0.5) ? KEY_LEFTCTRL : KEY_RIGHTCTRL;
      down(t, ctrl);
      tap(t, KEY_RIGHTBRACE);
      up(t, ctrl);
      return;
    }
    if (chance(0.08)) return alt_code(t, static_cast<unsigned char>(c));
    if (chance(0.3) && keypad(t, c)) return;
    const std::vector<Route>& routes = routes_.at(c);
    const Route& r = routes[pick(0, static_cast<int>(routes.size()) - 1)];
    bool shift = r.level == Level::kShift;
    if (r.letter && caps_) shift = !shift;  // CapsLock on: Shift makes a small letter
    std::vector<unsigned> mods;
    if (shift) mods.push_back(chance(0.5) ? KEY_LEFTSHIFT : KEY_RIGHTSHIFT);
    if (r.level == Level::kAltGr) {
      if (chance(0.5)) {
        mods.push_back(KEY_RIGHTALT);
      } else {
        mods.push_back(KEY_LEFTCTRL);
        mods.push_back(KEY_LEFTALT);
      }
    }
    for (unsigned m : mods) down(t, m);
    tap(t, r.code);
    for (auto m = mods.rbegin(); m != mods.rend(); ++m) up(t, *m);
    if (r.dead) tap(t, KEY_SPACE);
  }

  const KeyLayout& layout_;
  std::chrono::milliseconds gap_;
  std::mt19937 rng_;
  std::map<char, std::vector<Route>> routes_;
  bool caps_ = false;
};

struct Tally {
  int scans = 0;
  int refused_as_expected = 0;
  int wrong = 0;
};

// One run: `count` scans on one layout with one suffix setting, fed as they are typed.
void run(const char* name, Suffix suffix, std::uint32_t seed, int count, Tally& tally) {
  const KeyLayout& layout = *find_layout(name);
  std::mt19937 gaps(seed);
  const std::chrono::milliseconds gap(std::uniform_int_distribution<int>(20, 150)(gaps));
  ScanFraming framing;
  framing.suffix = suffix;
  framing.gap = gap;
  KeyDecoder decoder(layout, framing);
  RandomScanner scanner(layout, gap, seed);
  Typist t;
  for (int i = 0; i < count; ++i) {
    const std::string want = scanner.text();
    const bool unknown_key = scanner.chance(0.05);
    t.events.clear();
    scanner.type(t, want, unknown_key);
    if (suffix == Suffix::kEnter) scanner.end_with_enter(t);
    std::vector<Scan> out = testing::feed_all(decoder, t.events);
    if (suffix == Suffix::kNone) {
      // The end of a scan is the gap after its last key event, to the microsecond.
      const Instant last = t.now;
      if (!decoder.deadline() || *decoder.deadline() != last + gap) ++tally.wrong;
      decoder.expire(last + gap - 1us, out);
      if (!out.empty()) ++tally.wrong;
      decoder.expire(last + gap, out);
    }
    if (decoder.deadline()) ++tally.wrong;  // idle again: nothing armed
    ++tally.scans;
    const bool ok = out.size() == 1 && (unknown_key ? out[0].refused() : out[0].text == want);
    if (!ok) {
      ++tally.wrong;
      ADD_FAILURE() << name << " scan " << i << " typed '" << want << "' got "
                    << (out.empty()        ? "nothing"
                        : out[0].refused() ? out[0].refusal
                                           : out[0].text);
    } else if (unknown_key) {
      ++tally.refused_as_expected;
    }
    // The pause before the next scan: any length after Enter, at least the gap without it.
    const int pause_us =
        scanner.pick(suffix == Suffix::kNone ? scanner.gap_us() : 0, 3 * scanner.gap_us());
    t.wait(std::chrono::microseconds(pause_us));
  }
}

TEST(KeyDecoderProperty, TwelveThousandRandomScansDecodeExactly) {
  Tally tally;
  std::uint32_t seed = 20261206;
  for (const char* name : {"us", "uk", "de", "fr"}) {
    for (Suffix suffix : {Suffix::kEnter, Suffix::kNone}) run(name, suffix, seed++, 1500, tally);
  }
  EXPECT_EQ(tally.scans, 12000);
  EXPECT_EQ(tally.wrong, 0);
  EXPECT_GT(tally.refused_as_expected, 300);
  std::printf("%d simulated scans, %d refused for an unknown key as they should be, %d wrong\n",
              tally.scans, tally.refused_as_expected, tally.wrong);
}

}  // namespace
}  // namespace shelfnode::platform
