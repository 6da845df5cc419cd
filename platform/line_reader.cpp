#include "shelfnode/platform/line_reader.h"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace shelfnode::platform {

Result<bool> LineReader::fill() {
  char chunk[8192];
  for (;;) {
    ssize_t n = read(fd_, chunk, sizeof chunk);
    if (n > 0) {
      buffer_.append(chunk, static_cast<std::size_t>(n));
      return true;
    }
    if (n == 0) return false;
    if (errno == EINTR) continue;
    return io_error(std::string("reading scans failed: ") + std::strerror(errno));
  }
}

bool LineReader::readable_now() const {
  pollfd p{fd_, POLLIN, 0};
  return poll(&p, 1, 0) > 0 && (p.revents & (POLLIN | POLLHUP)) != 0;
}

void LineReader::take_lines(std::vector<std::string>& lines, std::size_t max_lines) {
  std::size_t start = 0;
  while (lines.size() < max_lines) {
    std::size_t nl = buffer_.find('\n', start);
    if (nl == std::string::npos) break;
    std::size_t end = nl;
    if (end > start && buffer_[end - 1] == '\r') --end;
    // Blank and whitespace-only lines are a scanner's stray terminator, not a scan.
    const std::size_t first = buffer_.find_first_not_of(" \t", start);
    if (first != std::string::npos && first < end) lines.emplace_back(buffer_, start, end - start);
    start = nl + 1;
  }
  buffer_.erase(0, start);
  if (eof_ && lines.size() < max_lines && buffer_.find('\n') == std::string::npos) {
    std::string last;
    last.swap(buffer_);
    if (!last.empty() && last.back() == '\r') last.pop_back();
    if (last.find_first_not_of(" \t") != std::string::npos) lines.push_back(std::move(last));
  }
}

Result<bool> LineReader::next_batch(std::vector<std::string>& lines, std::size_t max_lines) {
  lines.clear();
  // Block until at least one line (or the end of input) is here.
  while (!eof_ && buffer_.find('\n') == std::string::npos) {
    Result<bool> more = fill();
    if (!more.ok()) return more.status();
    eof_ = !*more;
  }
  // Then take whatever else is already waiting, without waiting for more.
  while (!eof_ && readable_now() && buffer_.size() < (1u << 20)) {
    Result<bool> more = fill();
    if (!more.ok()) return more.status();
    eof_ = !*more;
  }
  take_lines(lines, max_lines);
  return !lines.empty() || !buffer_.empty() || !eof_;
}

}  // namespace shelfnode::platform
