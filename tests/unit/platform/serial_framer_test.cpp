#include "shelfnode/platform/serial_framer.h"

#include <gtest/gtest.h>

namespace shelfnode::platform {
namespace {

using namespace std::chrono_literals;

const Instant kT0 = Instant(std::chrono::seconds(100));

SerialFramer framer(Suffix suffix, std::size_t max_scan = 4096) {
  ScanFraming f;
  f.suffix = suffix;
  f.gap = 50ms;
  f.max_scan = max_scan;
  return SerialFramer(f, 9600);
}

std::vector<std::string> texts(const std::vector<Scan>& scans) {
  std::vector<std::string> out;
  for (const Scan& s : scans) out.push_back(s.refused() ? "REFUSED: " + s.refusal : s.text);
  return out;
}

TEST(SerialFramer, SuffixesAndSplitFrames) {
  SerialFramer f = framer(Suffix::kEnter);
  std::vector<Scan> out;
  f.feed("400638", kT0, out);
  f.feed("1333931\r", kT0 + 5ms, out);
  f.feed("\n12\n34\r\n", kT0 + 10ms, out);
  EXPECT_EQ(texts(out), (std::vector<std::string>{"4006381333931", "12", "34"}));
  EXPECT_FALSE(f.deadline());
}

TEST(SerialFramer, AProvenGapEndsAFrameWithoutASuffix) {
  SerialFramer f = framer(Suffix::kNone);
  std::vector<Scan> out;
  f.feed("123", kT0, out);
  ASSERT_TRUE(f.deadline());
  EXPECT_EQ(*f.deadline(), kT0 + 50ms);
  f.quiet(kT0 + 49ms);
  f.expire(kT0 + 49ms, out);
  EXPECT_TRUE(out.empty());
  f.quiet(kT0 + 50ms);
  f.expire(kT0 + 50ms, out);
  EXPECT_EQ(texts(out), std::vector<std::string>{"123"});
  EXPECT_FALSE(f.deadline());
}

TEST(SerialFramer, BytesFoundLateContinueTheFrame) {
  // The reader was busy past the deadline and found more bytes waiting: they may have come
  // in time, so no gap is proven and nothing is cut.
  SerialFramer f = framer(Suffix::kEnter);
  std::vector<Scan> out;
  f.feed("400638", kT0, out);
  f.feed("1333931\r", kT0 + 300ms, out);
  EXPECT_EQ(texts(out), std::vector<std::string>{"4006381333931"});
}

TEST(SerialFramer, WithASuffixAProvenGapRefusesTheCutFrame) {
  SerialFramer f = framer(Suffix::kEnter);
  std::vector<Scan> out;
  f.feed("400638", kT0, out);
  f.quiet(kT0 + 60ms);
  f.feed("1333931\r", kT0 + 70ms, out);
  EXPECT_EQ(texts(out),
            (std::vector<std::string>{"REFUSED: frame cut off: no enter came within 50 ms of the "
                                      "last byte; check the scanner's suffix (scanner.suffix) "
                                      "and scan again",
                                      "1333931"}));
}

TEST(SerialFramer, GarbledFramesAreRefusedControlCharactersPass) {
  SerialFramer f = framer(Suffix::kEnter);
  std::vector<Scan> out;
  f.feed("12\xff\xfe\r", kT0, out);
  f.feed(std::string("12\0"
                     "3\r",
                     5),
         kT0, out);
  f.feed(
      "]C1\x1D"
      "0104006381333931\r",
      kT0, out);
  EXPECT_EQ(texts(out),
            (std::vector<std::string>{
                "REFUSED: garbled frame: bytes that are not text; check that the scanner and "
                "shelfnode use the same baud rate (9600) and 8N1",
                "REFUSED: garbled frame: a NUL byte at position 3; check that the scanner and "
                "shelfnode use the same baud rate (9600) and 8N1",
                "]C1\x1D"
                "0104006381333931"}));
}

TEST(SerialFramer, AnOverlongFrameKeepsOneBytePastTheLimit) {
  SerialFramer f = framer(Suffix::kEnter, 16);
  std::vector<Scan> out;
  for (int i = 0; i < 10; ++i) f.feed(std::string(100, 'x'), kT0, out);
  f.feed("\rok\r", kT0, out);
  EXPECT_EQ(texts(out), (std::vector<std::string>{std::string(17, 'x'), "ok"}));
}

TEST(SerialFramer, TabSuffix) {
  SerialFramer f = framer(Suffix::kTab);
  std::vector<Scan> out;
  f.feed("12\t34\t", kT0, out);
  EXPECT_EQ(texts(out), (std::vector<std::string>{"12", "34"}));
}

TEST(SerialFramer, UnpluggedMidFrame) {
  SerialFramer f = framer(Suffix::kEnter);
  std::vector<Scan> out;
  f.feed("12", kT0, out);
  f.unplugged(out);
  EXPECT_EQ(texts(out), std::vector<std::string>{"REFUSED: scanner unplugged mid-scan"});
  EXPECT_FALSE(f.deadline());
}

}  // namespace
}  // namespace shelfnode::platform
