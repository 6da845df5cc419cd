#include "shelfnode/platform/sd_notify.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "shelfnode/platform/unique_fd.h"

namespace shelfnode::platform {
namespace {

std::string one_line(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

}  // namespace

Notifier Notifier::from_environment() {
  const char* socket = std::getenv("NOTIFY_SOCKET");
  std::optional<std::chrono::microseconds> watchdog;
  const char* usec = std::getenv("WATCHDOG_USEC");
  const char* pid = std::getenv("WATCHDOG_PID");
  const bool for_us = pid == nullptr || std::strtol(pid, nullptr, 10) == getpid();
  if (usec != nullptr && for_us) {
    char* end = nullptr;
    const long long n = std::strtoll(usec, &end, 10);
    if (end != usec && *end == '\0' && n > 0) watchdog = std::chrono::microseconds(n);
  }
  return Notifier(socket != nullptr ? socket : "", watchdog);
}

Notifier::Notifier(std::string socket_path, std::optional<std::chrono::microseconds> watchdog)
    : path_(std::move(socket_path)), watchdog_(watchdog) {}

Status Notifier::send(const std::string& message) const {
  if (path_.empty()) return Status::Ok();
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path_.size() >= sizeof addr.sun_path || (path_[0] != '/' && path_[0] != '@')) {
    return config_error("NOTIFY_SOCKET '" + path_ + "' is not a socket path systemd would set");
  }
  std::memcpy(addr.sun_path, path_.data(), path_.size());
  if (path_[0] == '@') addr.sun_path[0] = '\0';  // the abstract namespace
  const socklen_t len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + path_.size());
  UniqueFd fd(socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  if (!fd.valid()) return io_error(std::string("notify socket: ") + std::strerror(errno));
  // Never waits: a queue systemd has not drained (a busy PID 1, or a NOTIFY_SOCKET nobody
  // reads) must not stop the loop that answers scans. A message that does not fit is lost
  // and said so; the next STATUS or WATCHDOG comes soon enough.
  const ssize_t sent = sendto(fd.get(), message.data(), message.size(), MSG_NOSIGNAL | MSG_DONTWAIT,
                              reinterpret_cast<const sockaddr*>(&addr), len);
  if (sent != static_cast<ssize_t>(message.size())) {
    return io_error("telling systemd '" + one_line(message) + "' failed: " + std::strerror(errno));
  }
  return Status::Ok();
}

Status Notifier::ready(std::string_view status) const {
  return send("READY=1\nSTATUS=" + one_line(status));
}

Status Notifier::watchdog() const {
  return send("WATCHDOG=1");
}

Status Notifier::status(std::string_view status) const {
  return send("STATUS=" + one_line(status));
}

Status Notifier::stopping() const {
  return send("STOPPING=1");
}

Status Notifier::reloading() const {
  return send("RELOADING=1");
}

}  // namespace shelfnode::platform
