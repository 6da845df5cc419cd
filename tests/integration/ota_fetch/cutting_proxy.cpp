#include "cutting_proxy.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <limits>

#include "loopback.h"

namespace shelfnode::ota::testing {
namespace {

int connect_to(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd >= 0 && ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

bool send_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

CuttingProxy::CuttingProxy(int target_port, std::vector<std::uint64_t> budgets)
    : target_port_(target_port), budgets_(std::move(budgets)) {
  loop_.start([this](int client) { relay(client); });
}

CuttingProxy::~CuttingProxy() {
  loop_.stop();
}

void CuttingProxy::relay(int client) {
  const int index = connections_++;
  const std::uint64_t budget = static_cast<std::size_t>(index) < budgets_.size()
                                   ? budgets_[static_cast<std::size_t>(index)]
                                   : std::numeric_limits<std::uint64_t>::max();
  const int server = connect_to(target_port_);
  if (server < 0) return;
  std::uint64_t sent = 0;
  char buf[16384];
  for (;;) {
    pollfd fds[3] = {{client, POLLIN, 0}, {server, POLLIN, 0}, {loop_.stop_fd(), POLLIN, 0}};
    if (::poll(fds, 3, -1) < 0) continue;
    if (fds[2].revents != 0) break;
    if (fds[0].revents != 0) {
      const ssize_t n = ::recv(client, buf, sizeof buf, 0);
      if (n <= 0 || !send_all(server, buf, static_cast<std::size_t>(n))) break;
    }
    if (fds[1].revents != 0) {
      const ssize_t n = ::recv(server, buf, sizeof buf, 0);
      if (n <= 0) break;
      const auto pass = static_cast<std::size_t>(
          std::min<std::uint64_t>(static_cast<std::uint64_t>(n), budget - sent));
      if (pass > 0 && !send_all(client, buf, pass)) break;
      sent += pass;
      to_client_ += pass;
      if (sent >= budget) {
        ++cuts_;
        break;
      }
    }
  }
  ::close(server);
}

}  // namespace shelfnode::ota::testing
