#include "shelfnode/platform/line_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include "shelfnode/platform/line_framer.h"

namespace shelfnode::platform {
namespace {

struct Pipe {
  int fds[2];
  Pipe() { EXPECT_EQ(pipe(fds), 0); }
  ~Pipe() {
    close(fds[0]);
    if (fds[1] >= 0) close(fds[1]);
  }
  void write_all(const std::string& s) {
    ASSERT_EQ(write(fds[1], s.data(), s.size()), static_cast<ssize_t>(s.size()));
  }
  void close_writer() {
    close(fds[1]);
    fds[1] = -1;
  }
};

TEST(LineReader, TakesEverythingAlreadyWaitingAsOneBatch) {
  Pipe p;
  p.write_all("a\r\nb\n\nc\nd");
  LineReader r(p.fds[0]);
  std::vector<std::string> lines;
  ASSERT_TRUE(*r.next_batch(lines, 100));
  EXPECT_EQ(lines, (std::vector<std::string>{"a", "b", "c"}));  // "d" has no newline yet
  p.write_all("\ne\n");
  ASSERT_TRUE(*r.next_batch(lines, 100));
  EXPECT_EQ(lines, (std::vector<std::string>{"d", "e"}));
}

TEST(LineReader, TellsAQuietScannerFromOneWithInputWaiting) {
  Pipe p;
  LineReader r(p.fds[0]);
  EXPECT_FALSE(r.input_within(20)) << "nothing was written";
  p.write_all("a\nb\n");
  EXPECT_TRUE(r.input_within(0));
  std::vector<std::string> lines;
  ASSERT_TRUE(*r.next_batch(lines, 1));
  EXPECT_TRUE(r.input_within(0)) << "\"b\" is read already and waiting";
  ASSERT_TRUE(*r.next_batch(lines, 1));
  EXPECT_FALSE(r.input_within(0));
  p.close_writer();
  EXPECT_TRUE(r.input_within(20)) << "the end of input is input: next_batch returns at once";
}

TEST(LineReader, WhitespaceOnlyLinesAreNotScans) {
  Pipe p;
  p.write_all("  \n\t\r\n A \n \t");
  p.close_writer();
  LineReader r(p.fds[0]);
  std::vector<std::string> lines;
  ASSERT_TRUE(*r.next_batch(lines, 100));
  EXPECT_EQ(lines, (std::vector<std::string>{" A "}));  // a real scan keeps its bytes
  EXPECT_FALSE(*r.next_batch(lines, 100));
}

// Found by the serial_framer fuzzer: a line judged blank by its kept bytes vanished when its
// first max + 1 bytes were spaces, though a code followed; it is too long, and said so.
TEST(LineFramer, SpacesPastTheLimitAndThenACodeAreTooLongNotBlank) {
  platform::LineFramer framer(8);
  std::vector<std::string> lines;
  framer.feed(std::string(20, ' ') + "4006381333931\n", lines);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], std::string(9, ' '));
  framer.feed(std::string(20, ' ') + "\n", lines);
  EXPECT_EQ(lines.size(), 1u) << "a line of spaces alone is still no scan";
}

TEST(LineReader, RespectsTheBatchLimitAndDeliversTheTailAtEof) {
  Pipe p;
  p.write_all("1\n2\n3\n4\n5");
  p.close_writer();
  LineReader r(p.fds[0]);
  std::vector<std::string> lines;
  ASSERT_TRUE(*r.next_batch(lines, 2));
  EXPECT_EQ(lines, (std::vector<std::string>{"1", "2"}));
  ASSERT_TRUE(*r.next_batch(lines, 2));
  EXPECT_EQ(lines, (std::vector<std::string>{"3", "4"}));
  Result<bool> last = r.next_batch(lines, 2);
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(lines, (std::vector<std::string>{"5"}));
  ASSERT_FALSE(*r.next_batch(lines, 2));
  EXPECT_TRUE(lines.empty());
}

TEST(LineReader, CrLfAndCrlfEachEndAScan) {
  // A scanner set to a CR suffix sends no LF at all: each CR must still end a scan.
  Pipe p;
  p.write_all("a\rb\rc\r\nd\n\re\r");
  LineReader r(p.fds[0]);
  std::vector<std::string> lines;
  ASSERT_TRUE(*r.next_batch(lines, 100));
  EXPECT_EQ(lines, (std::vector<std::string>{"a", "b", "c", "d", "e"}));
}

TEST(LineReader, ATerminatorSplitAcrossReadsStillEndsOneScan) {
  Pipe p;
  p.write_all("1234\r");
  LineReader r(p.fds[0]);
  std::vector<std::string> lines;
  ASSERT_TRUE(*r.next_batch(lines, 100));
  EXPECT_EQ(lines, (std::vector<std::string>{"1234"}));
  p.write_all("\n5678");
  p.close_writer();
  ASSERT_TRUE(*r.next_batch(lines, 100));
  EXPECT_EQ(lines, (std::vector<std::string>{"5678"}));  // the LF of CRLF made no blank scan
}

TEST(LineReader, ALineLongerThanTheLimitKeepsOnlyWhatShowsItIsTooLong) {
  Pipe p;
  LineReader r(p.fds[0], 16);
  std::vector<std::string> lines;
  // Written in pieces, as a runaway scanner would: none of it may pile up in the reader.
  for (int i = 0; i < 64; ++i) p.write_all(std::string(1000, 'x'));
  p.write_all("\nnext\n");
  ASSERT_TRUE(*r.next_batch(lines, 100));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], std::string(17, 'x'));  // limit + 1: the session sees "too long"
  EXPECT_EQ(lines[1], "next");
}

TEST(LineReader, AnOverlongTailAtEndOfInputIsStillCut) {
  Pipe p;
  p.write_all(std::string(100, 'y'));
  p.close_writer();
  LineReader r(p.fds[0], 8);
  std::vector<std::string> lines;
  ASSERT_TRUE(*r.next_batch(lines, 100));
  EXPECT_EQ(lines, (std::vector<std::string>{std::string(9, 'y')}));
  EXPECT_FALSE(*r.next_batch(lines, 100));
}

}  // namespace
}  // namespace shelfnode::platform
