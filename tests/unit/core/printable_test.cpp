#include "shelfnode/core/printable.h"

#include <gtest/gtest.h>

#include <string>

namespace shelfnode {
namespace {

TEST(Printable, KeepsAsciiAndValidUtf8) {
  EXPECT_EQ(printable("OAK-SHELF-60"), "OAK-SHELF-60");
  EXPECT_EQ(printable("Crème brûlée"), "Crème brûlée");
  EXPECT_EQ(printable("Äpfel 1 kg, ½ € \xE2\x80\x94 日本茶 \xF0\x9F\x8D\xB5"),  // em dash, emoji
            "Äpfel 1 kg, ½ € \xE2\x80\x94 日本茶 \xF0\x9F\x8D\xB5");
  EXPECT_EQ(printable(""), "");
  EXPECT_EQ(printable("a\\x1B b"), "a\\x1B b");  // a backslash is printable as it is
}

TEST(Printable, EscapesC0ControlsAndDel) {
  EXPECT_EQ(printable("\x1B[2J\x1B[Hhello"), "\\x1B[2J\\x1B[Hhello");
  EXPECT_EQ(printable("OK\r\nERR"), "OK\\x0D\\x0AERR");
  EXPECT_EQ(printable("a\tb\x7F"), "a\\x09b\\x7F");
  EXPECT_EQ(printable(std::string("a\0b", 3)), "a\\x00b");
  EXPECT_EQ(printable("\x1D"), "\\x1D");
}

TEST(Printable, EscapesC1ControlsInTheirUtf8Form) {
  EXPECT_EQ(printable("x\xC2\x9B" "2Jy"), "x\\xC2\\x9B2Jy");  // U+009B, CSI
  EXPECT_EQ(printable("\xC2\x80\xC2\x9F"), "\\xC2\\x80\\xC2\\x9F");
  EXPECT_EQ(printable("\xC2\xA0"), "\xC2\xA0");  // U+00A0 is not a control
}

TEST(Printable, EscapesEveryByteThatIsNotWellFormedUtf8) {
  EXPECT_EQ(printable("\xFF"), "\\xFF");
  EXPECT_EQ(printable("Cr\xE8me"), "Cr\\xE8me");          // Latin-1, not UTF-8
  EXPECT_EQ(printable("ab\xC3"), "ab\\xC3");              // cut short at the end
  EXPECT_EQ(printable("\xE2\x82" "x"), "\\xE2\\x82x");    // cut short in the middle
  EXPECT_EQ(printable("\xC0\xAF"), "\\xC0\\xAF");         // overlong '/'
  EXPECT_EQ(printable("\xE0\x80\xAF"), "\\xE0\\x80\\xAF"); // overlong, 3 bytes
  EXPECT_EQ(printable("\xED\xA0\x80"), "\\xED\\xA0\\x80"); // a UTF-16 surrogate
  EXPECT_EQ(printable("\xF4\x90\x80\x80"), "\\xF4\\x90\\x80\\x80");  // past U+10FFFF
  EXPECT_EQ(printable("\x80z"), "\\x80z");                // a lone continuation byte
  EXPECT_EQ(printable("\xF4\x8F\xBF\xBF"), "\xF4\x8F\xBF\xBF");  // U+10FFFF itself is fine
}

TEST(Printable, IsIdempotent) {
  const std::string nasty = "\x1B]0;owned\x07 Cr\xE8me \xC2\x9B \\ \r\n brûlée \xF0\x9F";
  const std::string once = printable(nasty);
  EXPECT_EQ(printable(once), once);
  for (char c : once) {
    const auto u = static_cast<unsigned char>(c);
    EXPECT_FALSE(u < 0x20 || u == 0x7F) << once;
  }
}

TEST(Printable, LinesKeepLineFeedsOnly) {
  EXPECT_EQ(printable_lines("2 bad rows:\n  line 2: \x1B[31m\r\n  line 3"),
            "2 bad rows:\n  line 2: \\x1B[31m\\x0D\n  line 3");
  EXPECT_EQ(printable_lines("<p>Crème</p>\n"), "<p>Crème</p>\n");
}

TEST(Utf8Head, NeverCutsInsideACharacter) {
  EXPECT_EQ(utf8_head("Crème", 3), "Cr");   // 'è' is 2 bytes at 2..3
  EXPECT_EQ(utf8_head("Crème", 4), "Crè");
  EXPECT_EQ(utf8_head("abc", 10), "abc");
  EXPECT_EQ(utf8_head("\xF0\x9F\x8D\xB5!", 3), "");
  EXPECT_EQ(utf8_head("\xF0\x9F\x8D\xB5!", 4), "\xF0\x9F\x8D\xB5");
  EXPECT_EQ(utf8_head("a\xFF\xFF", 2), "a\xFF");  // invalid bytes are cut like any byte
}

}  // namespace
}  // namespace shelfnode
