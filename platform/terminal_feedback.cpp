#include "shelfnode/platform/terminal_feedback.h"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <ctime>

#include "shelfnode/core/logger.h"
#include "shelfnode/core/printable.h"

namespace shelfnode::platform {
namespace {

int copy_of(int fd) {
  return fcntl(fd, F_DUPFD_CLOEXEC, 0);
}

}  // namespace

TerminalFeedback::TerminalFeedback(int fd) {
  set_terminal(fd);
}

void TerminalFeedback::set_terminal(int fd) {
  out_.reset();
  socket_ = false;
  rest_.clear();
  said_dropping_ = false;
  struct stat st {};
  if (fd < 0 || fstat(fd, &st) != 0) return;  // nowhere: every line is dropped
  const int flags = fcntl(fd, F_GETFL);
  if (S_ISSOCK(st.st_mode)) {
    // The journal's stream socket under systemd: MSG_DONTWAIT makes each send non-blocking
    // without touching the descriptor's flags.
    socket_ = true;
    out_.reset(copy_of(fd));
    return;
  }
  // A regular file never says "would block"; a descriptor that is non-blocking already (a
  // serial scanner's tty as SerialSource opens it) needs nothing more.
  if (S_ISREG(st.st_mode) || (flags >= 0 && (flags & O_NONBLOCK) != 0)) {
    out_.reset(copy_of(fd));
    return;
  }
  // A blocking pipe or terminal. Setting O_NONBLOCK on `fd` would set it for everyone who
  // shares its open file (the shell that started the daemon, say), so open the same file again
  // for a description of our own. Not for regular files, where a new open would start writing
  // at offset 0.
  const std::string again = "/proc/self/fd/" + std::to_string(fd);
  out_.reset(::open(again.c_str(), O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
  if (out_.valid()) return;
  // No /proc, or a FIFO with no reader yet: the shared description it must be.
  out_.reset(copy_of(fd));
  if (out_.valid() && flags >= 0) static_cast<void>(fcntl(out_.get(), F_SETFL, flags | O_NONBLOCK));
}

ssize_t TerminalFeedback::write_some(const char* data, std::size_t size) const {
  ssize_t n;
  if (socket_) {
    do {
      n = send(out_.get(), data, size, MSG_DONTWAIT | MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR);
    return n;
  }
  // A pipe whose reader went away raises SIGPIPE, which ends a process that does not ignore
  // it. Held back for this one write, and taken if this write raised it: a lost reader is a
  // dropped line, not the end of the daemon.
  sigset_t pipe_only;
  sigemptyset(&pipe_only);
  sigaddset(&pipe_only, SIGPIPE);
  sigset_t pending;
  sigemptyset(&pending);
  sigpending(&pending);
  const bool was_pending = sigismember(&pending, SIGPIPE) == 1;
  sigset_t old;
  pthread_sigmask(SIG_BLOCK, &pipe_only, &old);
  do {
    n = write(out_.get(), data, size);
  } while (n < 0 && errno == EINTR);
  const int err = errno;
  if (n < 0 && err == EPIPE && !was_pending) {
    const timespec none{};
    while (sigtimedwait(&pipe_only, nullptr, &none) < 0 && errno == EINTR) {
    }
  }
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
  errno = err;
  return n;
}

void TerminalFeedback::say(std::string_view reply) {
  if (!out_.valid()) return drop(EBADF);
  if (!rest_.empty()) {
    const ssize_t n = write_some(rest_.data(), rest_.size());
    if (n < 0) {
      const int err = errno;
      if (err != EAGAIN && err != EWOULDBLOCK) rest_.clear();  // that terminal is gone
      return drop(err);
    }
    rest_.erase(0, static_cast<std::size_t>(n));
    if (!rest_.empty()) return drop(EAGAIN);
  }
  // Replies are printable already; printable() again is a no-op that guarantees one line.
  std::string line = printable(reply);
  line += '\n';
  const ssize_t n = write_some(line.data(), line.size());
  if (n < 0) return drop(errno);
  if (static_cast<std::size_t>(n) < line.size()) rest_.assign(line, static_cast<std::size_t>(n));
}

void TerminalFeedback::drop(int err) {
  ++dropped_;
  if (said_dropping_) return;
  said_dropping_ = true;
  const char* why = err == EAGAIN || err == EWOULDBLOCK ? "the terminal would block"
                    : out_.valid()                      ? std::strerror(err)
                                                        : "no terminal to write to";
  log_warn("feedback.dropped",
           {{"feedback", "terminal"},
            {"reason", why},
            {"effect", "reply lines are dropped and counted; scanning goes on"}});
}

}  // namespace shelfnode::platform
