#include "shelfnode/platform/line_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>

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

}  // namespace
}  // namespace shelfnode::platform
