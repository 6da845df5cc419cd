#include "shelfnode/core/write_fully.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <string>
#include <thread>

namespace shelfnode {
namespace {

// A pipe holds 64 KiB: a blocking write of more returns only when a reader has taken the
// rest, and the kernel may hand back a short count on the way.
TEST(WriteFully, WritesEveryByteOfMoreThanAPipeHolds) {
  int fds[2];
  ASSERT_EQ(pipe2(fds, O_CLOEXEC), 0);
  std::string data(1 << 20, '\0');
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>(i * 7 % 251);
  std::string got;
  std::thread reader([&] {
    char buf[4096];
    ssize_t n;
    while ((n = read(fds[0], buf, sizeof buf)) > 0) got.append(buf, static_cast<std::size_t>(n));
  });
  const bool ok = write_fully(fds[1], data.data(), data.size());
  close(fds[1]);
  reader.join();
  close(fds[0]);
  EXPECT_TRUE(ok);
  EXPECT_EQ(got, data);
}

TEST(WriteFully, NothingToWriteSucceedsWithoutAWrite) {
  EXPECT_TRUE(write_fully(-1, "", 0));  // an invalid descriptor is never touched
}

TEST(WriteFully, AFailedWriteReturnsFalseWithErrnoSet) {
  errno = 0;
  EXPECT_FALSE(write_fully(-1, "x", 1));
  EXPECT_EQ(errno, EBADF);

  // A pipe nobody reads: EPIPE (SIGPIPE ignored, as the daemon ignores it).
  int fds[2];
  ASSERT_EQ(pipe2(fds, O_CLOEXEC), 0);
  close(fds[0]);
  struct sigaction ignore = {};
  struct sigaction old = {};
  ignore.sa_handler = SIG_IGN;
  ASSERT_EQ(sigaction(SIGPIPE, &ignore, &old), 0);
  errno = 0;
  EXPECT_FALSE(write_fully(fds[1], "till", 4));
  EXPECT_EQ(errno, EPIPE);
  sigaction(SIGPIPE, &old, nullptr);
  close(fds[1]);
}

}  // namespace
}  // namespace shelfnode
