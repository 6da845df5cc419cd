#include "notify_listener.h"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace shelfnode::bench {

NotifyListener::~NotifyListener() {
  if (fd_ >= 0) close(fd_);
  if (!path_.empty()) unlink(path_.c_str());
}

bool NotifyListener::open(const std::string& path, std::string& error) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.size() >= sizeof addr.sun_path) {
    error = "notify socket path too long: " + path;
    return false;
  }
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  const int on = 1;
  unlink(path.c_str());
  if (fd_ < 0 || setsockopt(fd_, SOL_SOCKET, SO_PASSCRED, &on, sizeof on) != 0 ||
      bind(fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    error = "notify socket " + path + ": " + std::strerror(errno);
    return false;
  }
  path_ = path;
  return true;
}

bool NotifyListener::next(int timeout_ms, Message& out) {
  pollfd p{fd_, POLLIN, 0};
  int ready;
  do {
    ready = poll(&p, 1, timeout_ms);
  } while (ready < 0 && errno == EINTR);
  if (ready <= 0) return false;
  char text[4096];
  iovec iov{text, sizeof text};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(ucred))];
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  const ssize_t n = recvmsg(fd_, &msg, MSG_DONTWAIT);
  out.at = now();
  if (n < 0) return false;
  out.text.assign(text, static_cast<std::size_t>(n));
  out.sender = 0;
  for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c != nullptr; c = CMSG_NXTHDR(&msg, c)) {
    if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_CREDENTIALS) {
      ucred cred{};
      std::memcpy(&cred, CMSG_DATA(c), sizeof cred);
      out.sender = cred.pid;
    }
  }
  return true;
}

bool NotifyListener::wait_for(const std::string& assignment, int timeout_ms, Message& out) {
  const SteadyTime end = now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    const double left_ms = micros_between(now(), end) / 1000;
    if (left_ms <= 0) return false;
    if (next(static_cast<int>(left_ms) + 1, out) && has_assignment(out.text, assignment))
      return true;
  }
}

int NotifyListener::drain_counting(const std::string& assignment) {
  int seen = 0;
  Message m;
  while (next(0, m)) seen += has_assignment(m.text, assignment) ? 1 : 0;
  return seen;
}

bool has_assignment(const std::string& text, const std::string& assignment) {
  for (std::size_t at = 0; at <= text.size();) {
    std::size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    if (text.compare(at, end - at, assignment) == 0) return true;
    at = end + 1;
  }
  return false;
}

}  // namespace shelfnode::bench
