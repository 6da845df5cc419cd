// The key tables against the layouts as written down in key_typing.cpp: every key of the four
// rows at every level, and every printable ASCII character typed on every layout.
#include "shelfnode/platform/key_layout.h"

#include <gtest/gtest.h>
#include <linux/input-event-codes.h>

#include "key_typing.h"

namespace shelfnode::platform {
namespace {

using testing::Cap;
using testing::ExpectedKey;
using testing::Typist;

const char* const kLayouts[] = {"us", "uk", "de", "fr"};

enum class Level { kPlain, kShift, kAltGr };

// Types one key at `level`, then Space if it is a dead key, then Enter; returns what came.
std::vector<Scan> type_key(const KeyLayout& layout, unsigned code, Level level, bool dead) {
  KeyDecoder decoder(layout, ScanFraming{});
  Typist t;
  const unsigned modifier = level == Level::kShift   ? KEY_LEFTSHIFT
                            : level == Level::kAltGr ? KEY_RIGHTALT
                                                     : 0;
  // "1" first, so that a scan is never only a blank.
  t.tap(KEY_KP1);
  if (modifier != 0) t.down(modifier);
  t.tap(code);
  if (modifier != 0) t.up(modifier);
  if (dead) t.tap(KEY_SPACE);
  t.tap(KEY_ENTER);
  return testing::feed_all(decoder, t.events);
}

void expect_level(const KeyLayout& layout, const ExpectedKey& key, Level level, const Cap& cap) {
  const std::vector<Scan> got = type_key(layout, key.code, level, cap.kind == Cap::kDead);
  const std::string where = std::string(layout.name()) + " key code " + std::to_string(key.code) +
                            " level " + std::to_string(static_cast<int>(level));
  ASSERT_EQ(got.size(), 1u) << where;
  if (cap.kind == Cap::kNone) {
    EXPECT_TRUE(got[0].refused()) << where << " typed '" << got[0].text << "'";
    EXPECT_NE(got[0].refusal.find("types no ASCII character on the " + std::string(layout.name())),
              std::string::npos)
        << where << ": " << got[0].refusal;
  } else {
    EXPECT_EQ(got[0].text, std::string("1") + cap.ch) << where << ": " << got[0].refusal;
  }
}

TEST(KeyLayout, EveryKeyOfTheFourRowsTypesWhatTheLayoutSays) {
  for (const char* name : kLayouts) {
    const KeyLayout* layout = find_layout(name);
    ASSERT_NE(layout, nullptr) << name;
    for (const ExpectedKey& key : testing::expected_keys(name)) {
      expect_level(*layout, key, Level::kPlain, key.plain);
      expect_level(*layout, key, Level::kShift, key.shift);
      if (layout->has_altgr()) expect_level(*layout, key, Level::kAltGr, key.altgr);
    }
  }
}

// How to type `c` on a layout, by the tests' own rows: the key and level, or nothing.
bool find_key(std::string_view layout, char c, unsigned& code, Level& level, bool& dead) {
  for (const ExpectedKey& key : testing::expected_keys(layout)) {
    const std::pair<Level, Cap> levels[] = {
        {Level::kPlain, key.plain}, {Level::kShift, key.shift}, {Level::kAltGr, key.altgr}};
    for (const auto& [l, cap] : levels) {
      if (cap.kind != Cap::kNone && cap.ch == c) {
        code = key.code;
        level = l;
        dead = cap.kind == Cap::kDead;
        return true;
      }
    }
  }
  return false;
}

TEST(KeyLayout, EveryPrintableAsciiCharacterCanBeTypedOnEveryLayout) {
  for (const char* name : kLayouts) {
    const KeyLayout* layout = find_layout(name);
    ASSERT_NE(layout, nullptr);
    for (int c = 0x20; c <= 0x7E; ++c) {
      unsigned code = KEY_SPACE;
      Level level = Level::kPlain;
      bool dead = false;
      if (c != ' ') {
        ASSERT_TRUE(find_key(name, static_cast<char>(c), code, level, dead))
            << name << " cannot type '" << static_cast<char>(c) << "'";
      }
      const std::vector<Scan> got = type_key(*layout, code, level, dead);
      ASSERT_EQ(got.size(), 1u);
      EXPECT_EQ(got[0].text, std::string("1") + static_cast<char>(c))
          << name << " '" << static_cast<char>(c) << "': " << got[0].refusal;
    }
  }
}

TEST(KeyLayout, DeadKeysAreWhereTheLayoutsHaveThem) {
  // ^ and ` on German, ^ ~ ` on French; US and UK have none.
  for (const char* name : kLayouts) {
    std::string dead;
    for (const ExpectedKey& key : testing::expected_keys(name)) {
      for (const Cap& cap : {key.plain, key.shift, key.altgr}) {
        if (cap.kind == Cap::kDead) dead += cap.ch;
      }
    }
    const std::string want = std::string(name) == "de"   ? "^`"
                             : std::string(name) == "fr" ? "~`^"
                                                         : "";
    EXPECT_EQ(dead, want) << name;
  }
}

TEST(KeyLayout, UnknownNamesAreNotLayouts) {
  EXPECT_EQ(find_layout("jp"), nullptr);
  EXPECT_EQ(find_layout("US"), nullptr);
  EXPECT_EQ(layout_names(), "us, uk, de, fr");
}

}  // namespace
}  // namespace shelfnode::platform
