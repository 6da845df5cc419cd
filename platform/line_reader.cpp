#include "shelfnode/platform/line_reader.h"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace shelfnode::platform {
namespace {

bool is_terminator(char c) {
  return c == '\n' || c == '\r';
}

bool blank(const std::string& line) {
  return line.find_first_not_of(" \t") == std::string::npos;
}

}  // namespace

void LineReader::end_line() {
  // Blank and whitespace-only lines are a scanner's stray terminator (the LF of a CRLF, an
  // extra Enter), not a scan.
  if (!blank(partial_)) ready_.push_back(std::move(partial_));
  partial_.clear();
}

void LineReader::frame(const char* data, std::size_t size) {
  const char* end = data + size;
  while (data < end) {
    const char* stop = data;
    while (stop < end && !is_terminator(*stop)) ++stop;
    // Keep one byte past the limit so the line is still seen as too long (partial_ never
    // holds more than that).
    const std::size_t room = max_line_ + 1 - partial_.size();
    partial_.append(data, std::min(room, static_cast<std::size_t>(stop - data)));
    if (stop == end) break;
    end_line();
    data = stop + 1;
  }
}

Result<bool> LineReader::fill() {
  char chunk[8192];
  for (;;) {
    ssize_t n = read(fd_, chunk, sizeof chunk);
    if (n > 0) {
      frame(chunk, static_cast<std::size_t>(n));
      return true;
    }
    if (n == 0) {
      if (!partial_.empty()) end_line();
      return false;
    }
    if (errno == EINTR) continue;
    return io_error(std::string("reading scans failed: ") + std::strerror(errno));
  }
}

bool LineReader::readable_within(int timeout_ms) const {
  pollfd p{fd_, POLLIN, 0};
  return poll(&p, 1, timeout_ms) > 0 && (p.revents & (POLLIN | POLLHUP)) != 0;
}

bool LineReader::input_within(int timeout_ms) const {
  return !ready_.empty() || eof_ || readable_within(timeout_ms);
}

Result<bool> LineReader::next_batch(std::vector<std::string>& lines, std::size_t max_lines) {
  lines.clear();
  // Block until at least one line (or the end of input) is here.
  while (!eof_ && ready_.empty()) {
    Result<bool> more = fill();
    if (!more.ok()) return more.status();
    eof_ = !*more;
  }
  // Then take whatever else is already waiting, without waiting for more.
  while (!eof_ && ready_.size() < max_lines && readable_within(0)) {
    Result<bool> more = fill();
    if (!more.ok()) return more.status();
    eof_ = !*more;
  }
  while (!ready_.empty() && lines.size() < max_lines) {
    lines.push_back(std::move(ready_.front()));
    ready_.pop_front();
  }
  return !lines.empty() || !ready_.empty() || !eof_;
}

}  // namespace shelfnode::platform
