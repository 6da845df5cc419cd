#include "daemon/control_socket.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace shelfnode::daemon {
namespace {

constexpr std::size_t kMaxFds = 2;

}  // namespace

std::string socket_path(const store::DataDirPaths& paths) {
  return paths.dir + "/shelfnode.sock";
}

Status send_request(int socket, const std::string& line, const std::vector<int>& fds) {
  if (fds.size() > kMaxFds) return internal_error("too many descriptors for one request");
  std::string text = line + "\n";
  iovec iov{text.data(), text.size()};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * kMaxFds)] = {};
  if (!fds.empty()) {
    msg.msg_control = control;
    msg.msg_controllen = CMSG_SPACE(sizeof(int) * fds.size());
    cmsghdr* c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int) * fds.size());
    std::memcpy(CMSG_DATA(c), fds.data(), sizeof(int) * fds.size());
  }
  ssize_t n;
  do {
    n = sendmsg(socket, &msg, MSG_NOSIGNAL);
  } while (n < 0 && errno == EINTR);
  if (n != static_cast<ssize_t>(text.size())) {
    return Status(Code::kTemporary, std::string("cannot ask the daemon: ") + std::strerror(errno));
  }
  return Status::Ok();
}

Result<std::string> receive_request(int socket, std::vector<platform::UniqueFd>& fds) {
  char buffer[kMaxRequest];
  iovec iov{buffer, sizeof buffer};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * kMaxFds)] = {};
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  const ssize_t n = recvmsg(socket, &msg, MSG_CMSG_CLOEXEC | MSG_DONTWAIT);
  if (n < 0)
    return Status(Code::kTemporary, std::string("reading a request: ") + std::strerror(errno));
  for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c != nullptr; c = CMSG_NXTHDR(&msg, c)) {
    if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
    const std::size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
    for (std::size_t i = 0; i < count; ++i) {
      int fd;
      std::memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof fd);
      fds.emplace_back(fd);
    }
  }
  if ((msg.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) != 0) {
    return bad_data("request longer than " + std::to_string(kMaxRequest) + " bytes");
  }
  std::string line(buffer, static_cast<std::size_t>(n));
  if (line.empty() || line.back() != '\n') return bad_data("request not one whole line");
  line.pop_back();
  return line;
}

Result<platform::UniqueFd> connect_to_daemon(const store::DataDirPaths& paths) {
  const std::string path = socket_path(paths);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.size() >= sizeof addr.sun_path) {
    return config_error("data dir path too long for the daemon's socket (" + path + ")");
  }
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  platform::UniqueFd fd(socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd.valid()) return io_error(std::string("socket: ") + std::strerror(errno));
  if (connect(fd.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    const int e = errno;
    if (e == EACCES) {
      return Status(Code::kPermission, "may not use the daemon's socket " + path +
                                           ": run this as the user the daemon runs as (or root)");
    }
    return Status(Code::kTemporary, "cannot reach the daemon at " + path + ": " + std::strerror(e));
  }
  return fd;
}

}  // namespace shelfnode::daemon
