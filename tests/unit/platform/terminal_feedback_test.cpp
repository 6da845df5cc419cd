// Reply lines over real pipes and sockets: the write end is left blocking, as a daemon's
// stdout is, so a test that blocked would hang instead of passing.
#include "shelfnode/platform/terminal_feedback.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

namespace shelfnode::platform {
namespace {

struct Pipe {
  Pipe() {
    int fds[2];
    EXPECT_EQ(pipe2(fds, O_CLOEXEC), 0);
    read_end.reset(fds[0]);
    write_end.reset(fds[1]);
  }
  // Everything waiting in the pipe, without waiting for more.
  std::string drain() {
    const int flags = fcntl(read_end.get(), F_GETFL);
    fcntl(read_end.get(), F_SETFL, flags | O_NONBLOCK);
    std::string out;
    char buf[65536];
    ssize_t n;
    while ((n = read(read_end.get(), buf, sizeof buf)) > 0) out.append(buf, n);
    fcntl(read_end.get(), F_SETFL, flags);
    return out;
  }
  UniqueFd read_end;
  UniqueFd write_end;
};

bool non_blocking(int fd) {
  return (fcntl(fd, F_GETFL) & O_NONBLOCK) != 0;
}

TEST(TerminalFeedback, WritesEachReplyAsOneLine) {
  Pipe pipe;
  TerminalFeedback feedback(pipe.write_end.get());
  ASSERT_TRUE(feedback.start().ok());
  feedback.acknowledged("OK m-1 SKU-1 1");
  feedback.refused("ERR check digit wrong");
  feedback.refused("ERR two\nlines");  // can never become two replies
  EXPECT_EQ(pipe.drain(), "OK m-1 SKU-1 1\nERR check digit wrong\nERR two\\x0Alines\n");
  EXPECT_EQ(feedback.lines_dropped(), 0u);
  EXPECT_FALSE(feedback.deadline().has_value());
}

TEST(TerminalFeedback, AFullPipeDropsLinesRatherThanBlocking) {
  Pipe pipe;
  ASSERT_FALSE(non_blocking(pipe.write_end.get()));
  TerminalFeedback feedback(pipe.write_end.get());
  const std::string reply = "OK m-123456 SKU-ABCDEFGH 1";
  int said = 0;
  while (feedback.lines_dropped() == 0 && said < 100000) {
    feedback.acknowledged(reply);
    ++said;
  }
  ASSERT_EQ(feedback.lines_dropped(), 1u) << "a pipe of 64 KiB never filled";
  feedback.acknowledged(reply);
  EXPECT_EQ(feedback.lines_dropped(), 2u);
  // Its own description was made non-blocking, not the one the caller shares with others.
  EXPECT_FALSE(non_blocking(pipe.write_end.get()));
  const std::string got = pipe.drain();
  // Only whole lines went in: a line was written or dropped, never cut.
  std::string expected;
  for (int i = 1; i < said; ++i) expected += reply + "\n";
  EXPECT_EQ(got, expected);
  feedback.refused("ERR after the reader caught up");
  EXPECT_EQ(pipe.drain(), "ERR after the reader caught up\n");
  EXPECT_EQ(feedback.lines_dropped(), 2u);
}

TEST(TerminalFeedback, ALinePartlyTakenIsFinishedBeforeTheNext) {
  Pipe pipe;
  TerminalFeedback feedback(pipe.write_end.get());
  const std::string huge(200000, 'x');  // more than a pipe holds: taken in part
  feedback.refused("ERR " + huge);
  EXPECT_EQ(feedback.lines_dropped(), 0u);
  std::string got = pipe.drain();
  ASSERT_LT(got.size(), huge.size());
  int tries = 0;
  // Each reply first finishes the line before; while that is not done, the reply is dropped.
  while (got.find("OK next") == std::string::npos && tries < 100) {
    feedback.acknowledged("OK next");
    ++tries;
    got += pipe.drain();
  }
  EXPECT_EQ(got, "ERR " + huge + "\nOK next\n");
  EXPECT_EQ(feedback.lines_dropped(), static_cast<std::uint64_t>(tries - 1));
}

TEST(TerminalFeedback, AReaderThatWentAwayIsADroppedLineNotSigpipe) {
  Pipe pipe;
  // As the daemon may have it: SIGPIPE would end the process.
  struct sigaction dfl = {};
  struct sigaction old = {};
  dfl.sa_handler = SIG_DFL;
  ASSERT_EQ(sigaction(SIGPIPE, &dfl, &old), 0);
  TerminalFeedback feedback(pipe.write_end.get());
  pipe.read_end.reset();
  feedback.acknowledged("OK nobody reads this");
  feedback.acknowledged("OK nor this");
  EXPECT_EQ(feedback.lines_dropped(), 2u);
  sigset_t pending;
  sigemptyset(&pending);
  sigpending(&pending);
  EXPECT_EQ(sigismember(&pending, SIGPIPE), 0);
  sigaction(SIGPIPE, &old, nullptr);
}

TEST(TerminalFeedback, TheCallerMayCloseItsDescriptor) {
  Pipe pipe;
  TerminalFeedback feedback(pipe.write_end.get());
  pipe.write_end.reset();  // a serial scanner unplugged: its source closes the tty
  feedback.acknowledged("OK still here");
  EXPECT_EQ(pipe.drain(), "OK still here\n");
}

TEST(TerminalFeedback, SetTerminalMovesTheLinesAndMinusOneDropsThem) {
  Pipe first, second;
  TerminalFeedback feedback(first.write_end.get());
  feedback.acknowledged("OK one");
  feedback.set_terminal(second.write_end.get());
  feedback.acknowledged("OK two");
  feedback.set_terminal(-1);
  feedback.acknowledged("OK nowhere");
  EXPECT_EQ(first.drain(), "OK one\n");
  EXPECT_EQ(second.drain(), "OK two\n");
  EXPECT_EQ(feedback.lines_dropped(), 1u);
}

TEST(TerminalFeedback, AStreamSocketIsWrittenWithoutChangingItsFlags) {
  int sv[2];
  ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
  UniqueFd daemon_end(sv[0]), journal_end(sv[1]);
  const int small = 4096;
  setsockopt(daemon_end.get(), SOL_SOCKET, SO_SNDBUF, &small, sizeof small);
  TerminalFeedback feedback(daemon_end.get());
  feedback.acknowledged("OK to the journal");
  char buf[64];
  const ssize_t n = read(journal_end.get(), buf, sizeof buf);
  EXPECT_EQ(std::string(buf, n > 0 ? n : 0), "OK to the journal\n");
  int said = 0;
  while (feedback.lines_dropped() == 0 && said < 100000) {
    feedback.acknowledged("OK filling the socket buffer up");
    ++said;
  }
  EXPECT_EQ(feedback.lines_dropped(), 1u);
  EXPECT_FALSE(non_blocking(daemon_end.get()));
}

}  // namespace
}  // namespace shelfnode::platform
