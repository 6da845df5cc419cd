#include "shelfnode/platform/stdin_source.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace shelfnode::platform {

std::vector<int> StdinSource::fds() const {
  if (ended_) return {};
  return {fd_};
}

void StdinSource::deliver(std::vector<Scan>& out) {
  for (std::string& line : lines_) out.push_back(Scan{std::move(line), std::string()});
  lines_.clear();
}

Status StdinSource::on_readable(int, std::vector<Scan>& out) {
  char chunk[8192];
  for (;;) {
    const ssize_t n = read(fd_, chunk, sizeof chunk);
    if (n > 0) {
      framer_.feed(std::string_view(chunk, static_cast<std::size_t>(n)), lines_);
      deliver(out);
      return Status::Ok();
    }
    if (n == 0) {
      framer_.finish(lines_);
      deliver(out);
      ended_ = true;
      return Status::Ok();
    }
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return Status::Ok();
    return io_error(std::string("reading scans failed: ") + std::strerror(errno));
  }
}

}  // namespace shelfnode::platform
