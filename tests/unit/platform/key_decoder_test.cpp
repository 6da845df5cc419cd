// The key decoder's mechanics, fed with synthetic evdev events: modifiers, CapsLock, the
// keypad, GS, Alt codes, dead keys, refusals, and where a scan ends.
#include "shelfnode/platform/key_decoder.h"

#include <gtest/gtest.h>
#include <linux/input-event-codes.h>

#include "key_typing.h"

namespace shelfnode::platform {
namespace {

using namespace std::chrono_literals;
using testing::Typist;

const KeyLayout& layout(const char* name) {
  return *find_layout(name);
}

ScanFraming framing(Suffix suffix = Suffix::kEnter, std::chrono::milliseconds gap = 80ms) {
  ScanFraming f;
  f.suffix = suffix;
  f.gap = gap;
  return f;
}

std::vector<Scan> decode(const char* name, const Typist& t, ScanFraming f = framing()) {
  KeyDecoder decoder(layout(name), f);
  return testing::feed_all(decoder, t.events);
}

void shifted(Typist& t, unsigned code, unsigned shift = KEY_LEFTSHIFT) {
  t.down(shift);
  t.tap(code);
  t.up(shift);
}

void alt_code(Typist& t, const std::vector<unsigned>& keypad, unsigned alt = KEY_LEFTALT) {
  t.down(alt);
  for (unsigned k : keypad) t.tap(k);
  t.up(alt);
}

std::vector<std::string> texts(const std::vector<Scan>& scans) {
  std::vector<std::string> out;
  for (const Scan& s : scans) out.push_back(s.refused() ? "REFUSED: " + s.refusal : s.text);
  return out;
}

TEST(KeyDecoder, ShiftEitherSideAndCapsLockOnLettersOnly) {
  Typist t;
  shifted(t, KEY_A);
  shifted(t, KEY_B, KEY_RIGHTSHIFT);
  t.tap(KEY_CAPSLOCK);
  t.tap(KEY_C);       // C: CapsLock
  t.tap(KEY_1);       // 1: CapsLock leaves digits alone
  shifted(t, KEY_D);  // d: Shift undoes CapsLock on a letter
  shifted(t, KEY_2);  // @: but not on a digit
  t.tap(KEY_CAPSLOCK);
  t.tap(KEY_E);
  t.tap(KEY_ENTER);
  EXPECT_EQ(texts(decode("us", t)), std::vector<std::string>{"ABC1d@e"});
}

TEST(KeyDecoder, CapsLockOutlivesAScanAsOnAKeyboard) {
  Typist t;
  t.tap(KEY_CAPSLOCK);
  t.tap(KEY_A);
  t.tap(KEY_ENTER);
  t.tap(KEY_B);
  t.tap(KEY_ENTER);
  EXPECT_EQ(texts(decode("us", t)), (std::vector<std::string>{"A", "B"}));
}

TEST(KeyDecoder, CapsLockDoesNotTurnTheFrenchDigitRowIntoDigits) {
  // Windows' French layout would type 2 here; shelfnode's CapsLock works on letters only,
  // and é is no barcode character: refused, never read as something else.
  Typist t;
  t.tap(KEY_CAPSLOCK);
  t.tap(KEY_2);
  t.tap(KEY_ENTER);
  const std::vector<Scan> got = decode("fr", t);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].refusal,
            "key code 3 types no ASCII character on the fr layout: the scanner's keyboard "
            "layout is not fr \u2014 set scanner.layout");
}

TEST(KeyDecoder, KeypadTypesDigitsWhateverNumLockSays) {
  Typist t;
  for (unsigned k :
       {KEY_KP0, KEY_KP1, KEY_KP2, KEY_KP3, KEY_KP4, KEY_KP5, KEY_KP6, KEY_KP7, KEY_KP8, KEY_KP9,
        KEY_KPDOT, KEY_KPSLASH, KEY_KPASTERISK, KEY_KPMINUS, KEY_KPPLUS}) {
    t.tap(k);
  }
  t.tap(KEY_NUMLOCK);
  t.tap(KEY_KP5);
  t.tap(KEY_KPENTER);
  EXPECT_EQ(texts(decode("us", t)), std::vector<std::string>{"0123456789./*-+5"});
  EXPECT_EQ(texts(decode("de", t)), std::vector<std::string>{"0123456789,/*-+5"});
}

TEST(KeyDecoder, ShiftWithAKeypadDigitIsACursorKeyAndRefused) {
  Typist t;
  t.tap(KEY_KP1);
  shifted(t, KEY_KP7);
  t.tap(KEY_ENTER);
  EXPECT_EQ(texts(decode("us", t)),
            std::vector<std::string>{"REFUSED: Shift with keypad key code 71 is a cursor key, "
                                     "not a digit"});
}

TEST(KeyDecoder, GroupSeparatorAsCtrlBracketOnEveryLayout) {
  for (const char* name : {"us", "uk", "de", "fr"}) {
    for (unsigned ctrl : {KEY_LEFTCTRL, KEY_RIGHTCTRL}) {
      Typist t;
      t.tap(KEY_KP1);
      t.down(ctrl);
      t.tap(KEY_RIGHTBRACE);
      t.up(ctrl);
      t.tap(KEY_KP2);
      t.tap(KEY_ENTER);
      EXPECT_EQ(texts(decode(name, t)), std::vector<std::string>{"1\x1D"
                                                                 "2"})
          << name;
    }
  }
}

TEST(KeyDecoder, GroupSeparatorAndAnyAsciiAsAltCodes) {
  Typist t;
  alt_code(t, {KEY_KP0, KEY_KP0, KEY_KP2, KEY_KP9});  // GS, ANSI form
  alt_code(t, {KEY_KP2, KEY_KP9});                    // GS, OEM form
  alt_code(t, {KEY_KP0, KEY_KP6, KEY_KP5});           // A
  alt_code(t, {KEY_KP1, KEY_KP2, KEY_KP6});           // ~
  t.tap(KEY_ENTER);
  for (const char* name : {"us", "uk", "de", "fr"}) {
    EXPECT_EQ(texts(decode(name, t)), std::vector<std::string>{"\x1D\x1D"
                                                               "A~"})
        << name;
  }
  // Right Alt works too where it is no AltGr.
  Typist us;
  alt_code(us, {KEY_KP6, KEY_KP6}, KEY_RIGHTALT);
  us.tap(KEY_ENTER);
  EXPECT_EQ(texts(decode("us", us)), std::vector<std::string>{"B"});
}

TEST(KeyDecoder, AltCodesOutsideAsciiAreRefused) {
  for (const std::vector<unsigned>& code :
       {std::vector<unsigned>{KEY_KP0, KEY_KP2, KEY_KP3, KEY_KP3}, std::vector<unsigned>{KEY_KP0},
        std::vector<unsigned>{KEY_KP1, KEY_KP2, KEY_KP3, KEY_KP4, KEY_KP5}}) {
    Typist t;
    t.tap(KEY_KP1);
    alt_code(t, code);
    t.tap(KEY_ENTER);
    const std::vector<Scan> got = decode("us", t);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_TRUE(got[0].refused());
    EXPECT_NE(got[0].refusal.find("is not an ASCII character"), std::string::npos);
  }
}

TEST(KeyDecoder, AnEndlessAltCodeKeepsFiveDigits) {
  // Found by tests/fuzz (key_decoder): every digit was kept, so Alt held with keypad digits
  // typed without end grew the decoder's memory and the refusal, one log line, without bound.
  Typist t;
  alt_code(t, std::vector<unsigned>(1000, KEY_KP0));
  t.tap(KEY_ENTER);
  EXPECT_EQ(texts(decode("us", t)),
            std::vector<std::string>{"REFUSED: Alt code 00000... is not an ASCII character (1 to "
                                     "127)"});
}

TEST(KeyDecoder, AltGrAsRightAltOrAsCtrlLeftAlt) {
  Typist t;
  t.down(KEY_RIGHTALT);
  t.tap(KEY_Q);  // @ on German
  t.up(KEY_RIGHTALT);
  t.down(KEY_LEFTCTRL);
  t.down(KEY_LEFTALT);
  t.tap(KEY_8);  // [ on German
  t.up(KEY_LEFTALT);
  t.up(KEY_LEFTCTRL);
  t.tap(KEY_ENTER);
  EXPECT_EQ(texts(decode("de", t)), std::vector<std::string>{"@["});
}

TEST(KeyDecoder, DeadKeyThenSpaceIsTheBareAccent) {
  Typist t;
  t.tap(KEY_GRAVE);  // dead ^
  t.tap(KEY_SPACE);
  shifted(t, KEY_EQUAL);  // dead `
  t.tap(KEY_SPACE);
  t.tap(KEY_ENTER);
  EXPECT_EQ(texts(decode("de", t)), std::vector<std::string>{"^`"});
}

TEST(KeyDecoder, DeadKeyThenALetterIsRefusedNotComposed) {
  Typist t;
  t.tap(KEY_LEFTBRACE);  // dead ^ on French
  t.tap(KEY_E);
  t.tap(KEY_ENTER);
  t.tap(KEY_LEFTBRACE);
  t.tap(KEY_ENTER);
  EXPECT_EQ(texts(decode("fr", t)),
            (std::vector<std::string>{
                "REFUSED: dead key ^ followed by another key than Space: accented letters are "
                "not read from a scan",
                "REFUSED: dead key ^ at the end of the scan"}));
}

TEST(KeyDecoder, AnUnknownKeyRefusesTheWholeScanAndNamesTheKeyCode) {
  Typist t;
  t.tap(KEY_1);
  t.tap(KEY_F13);
  t.tap(KEY_2);
  t.tap(KEY_ENTER);
  t.tap(KEY_3);
  t.tap(KEY_ENTER);
  EXPECT_EQ(texts(decode("de", t)),
            (std::vector<std::string>{"REFUSED: unknown key code 183 in the scan: the scanner's "
                                      "keyboard layout is not de \u2014 set scanner.layout",
                                      "3"}));
}

TEST(KeyDecoder, OtherCtrlAndAltCombinationsAreRefused) {
  for (unsigned mod : {KEY_LEFTCTRL, KEY_LEFTALT, KEY_LEFTMETA}) {
    Typist t;
    t.down(mod);
    t.tap(KEY_A);
    t.up(mod);
    t.tap(KEY_ENTER);
    const std::vector<Scan> got = decode("us", t);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_TRUE(got[0].refused()) << mod;
  }
}

TEST(KeyDecoder, AutorepeatAndOtherEventTypesTypeNothing) {
  Typist t;
  t.down(KEY_A);
  t.key(KEY_A, 2);
  t.key(KEY_A, 2);
  t.up(KEY_A);
  t.tap(KEY_ENTER);
  EXPECT_EQ(texts(decode("us", t)), std::vector<std::string>{"a"});
}

TEST(KeyDecoder, LostEventsRefuseWhatIsLeftOfTheScan) {
  Typist t;
  t.down(KEY_LEFTSHIFT);
  t.tap(KEY_A);
  t.syn(SYN_DROPPED);
  t.tap(KEY_B);  // dropped with the rest, up to the next SYN_REPORT
  t.tap(KEY_C);
  t.tap(KEY_ENTER);
  t.tap(KEY_D);  // Shift counts as released after the drop
  t.tap(KEY_ENTER);
  EXPECT_EQ(
      texts(decode("us", t)),
      (std::vector<std::string>{
          "REFUSED: key events were lost (the reader fell behind the scanner); scan again", "d"}));
}

TEST(KeyDecoder, EnterOrTabEndsTheScanAsConfigured) {
  Typist t;
  t.tap(KEY_1);
  t.tap(KEY_TAB);
  t.tap(KEY_2);
  t.tap(KEY_ENTER);
  EXPECT_EQ(texts(decode("us", t)), std::vector<std::string>{"1\t2"});
  EXPECT_EQ(texts(decode("us", t, framing(Suffix::kTab))), std::vector<std::string>{"1"});
}

TEST(KeyDecoder, ABlankScanIsNoScan) {
  Typist t;
  t.tap(KEY_ENTER);
  t.tap(KEY_SPACE);
  t.tap(KEY_ENTER);
  EXPECT_TRUE(decode("us", t).empty());
}

TEST(KeyDecoder, IdleMeansNoDeadline) {
  KeyDecoder decoder(layout("us"), framing());
  EXPECT_FALSE(decoder.deadline());
  Typist t;
  t.tap(KEY_A);
  std::vector<Scan> out = testing::feed_all(decoder, t.events);
  ASSERT_TRUE(decoder.deadline());
  EXPECT_EQ(*decoder.deadline(), t.now + 80ms);
  Typist end = t;
  end.events.clear();
  end.tap(KEY_ENTER);
  out = testing::feed_all(decoder, end.events);
  EXPECT_EQ(texts(out), std::vector<std::string>{"a"});
  EXPECT_FALSE(decoder.deadline());
  // The release of Enter after the scan arms nothing either.
  EXPECT_FALSE(decoder.deadline());
}

TEST(KeyDecoder, WithoutASuffixTheGapEndsAScanExactly) {
  KeyDecoder decoder(layout("us"), framing(Suffix::kNone, 50ms));
  Typist t;
  t.tap(KEY_1);
  t.wait(10ms);
  t.tap(KEY_2);
  std::vector<Scan> out = testing::feed_all(decoder, t.events);
  EXPECT_TRUE(out.empty());
  decoder.expire(t.now + 50ms - 1us, out);
  EXPECT_TRUE(out.empty()) << "a microsecond early";
  decoder.expire(t.now + 50ms, out);
  EXPECT_EQ(texts(out), std::vector<std::string>{"12"});
  EXPECT_FALSE(decoder.deadline());
}

TEST(KeyDecoder, AGapSeenInTheEventTimesEndsTheScanEvenWhenReadLate) {
  // Events read long after they happened: their own timestamps decide, not the reading.
  Typist t;
  t.tap(KEY_1);
  t.wait(60ms);
  t.tap(KEY_2);
  t.wait(49ms);
  t.tap(KEY_3);
  t.wait(50ms);
  t.tap(KEY_4);
  EXPECT_EQ(texts(decode("us", t, framing(Suffix::kNone, 50ms))),
            (std::vector<std::string>{"1", "23"}));
}

TEST(KeyDecoder, WithASuffixAGapMeansTheScanWasCutOff) {
  Typist t;
  t.tap(KEY_1);
  t.wait(100ms);
  t.tap(KEY_2);
  t.tap(KEY_ENTER);
  EXPECT_EQ(texts(decode("us", t)),
            (std::vector<std::string>{"REFUSED: scan cut off: no enter came within 80 ms of the "
                                      "last key; check the scanner's suffix (scanner.suffix) and "
                                      "scan again",
                                      "2"}));
}

TEST(KeyDecoder, AModifierAloneBeforeAGapIsNoScan) {
  KeyDecoder decoder(layout("us"), framing());
  Typist t;
  t.down(KEY_LEFTSHIFT);
  t.up(KEY_LEFTSHIFT);
  std::vector<Scan> out = testing::feed_all(decoder, t.events);
  decoder.expire(t.now + 80ms, out);
  EXPECT_TRUE(out.empty());
  EXPECT_FALSE(decoder.deadline());
}

TEST(KeyDecoder, UnpluggedMidScanIsRefused) {
  KeyDecoder decoder(layout("us"), framing());
  Typist t;
  t.down(KEY_LEFTSHIFT);
  t.tap(KEY_A);
  std::vector<Scan> out = testing::feed_all(decoder, t.events);
  decoder.unplugged(out);
  EXPECT_EQ(texts(out), std::vector<std::string>{"REFUSED: scanner unplugged mid-scan"});
  EXPECT_FALSE(decoder.deadline());
  Typist again = t;
  again.events.clear();
  again.tap(KEY_A);  // Shift went with the device
  again.tap(KEY_ENTER);
  out = testing::feed_all(decoder, again.events);
  EXPECT_EQ(texts(out), std::vector<std::string>{"a"});
}

TEST(KeyDecoder, AnOverlongScanKeepsOneCharacterPastTheLimit) {
  ScanFraming f = framing();
  f.max_scan = 8;
  Typist t;
  for (int i = 0; i < 100; ++i) t.tap(KEY_KP7);
  t.tap(KEY_ENTER);
  EXPECT_EQ(texts(decode("us", t, f)), std::vector<std::string>{std::string(9, '7')});
}

TEST(KeyDecoder, SpacesPastTheLimitAndThenACodeAreTooLongNotBlank) {
  // Found by tests/fuzz (key_decoder): blankness was judged on the characters kept, so a scan
  // whose first max_scan + 1 characters were spaces vanished instead of reaching the session,
  // which refuses it as too long.
  ScanFraming f = framing();
  f.max_scan = 4;
  Typist t;
  for (int i = 0; i < 10; ++i) t.tap(KEY_SPACE);
  t.tap(KEY_1);
  t.tap(KEY_ENTER);
  EXPECT_EQ(texts(decode("us", t, f)), std::vector<std::string>{std::string(5, ' ')});
}

}  // namespace
}  // namespace shelfnode::platform
