#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <vector>

#include "shelfnode/core/result.h"

namespace shelfnode::platform {

// Reads scans framed by CR, LF or CRLF from a file descriptor (stdin, a pipe, a serial line
// already in raw mode) in batches: it blocks for the first scan, then takes every further scan
// that is already waiting, without blocking, up to `max_lines`. This is what lets a scan
// session commit a burst of scans in one transaction while a single scan still goes out at
// once.
//
// Memory is bounded whatever arrives: a line longer than `max_line` keeps only its first
// `max_line + 1` bytes (so the session still sees it is too long and refuses it) and the rest
// is dropped up to the next terminator. Each byte is looked at once.
class LineReader {
 public:
  static constexpr std::size_t kDefaultMaxLine = 4096;
  explicit LineReader(int fd, std::size_t max_line = kDefaultMaxLine)
      : fd_(fd), max_line_(max_line) {}

  // Fills `lines` (terminators stripped, blank and whitespace-only lines skipped). False once
  // input has ended and every line was delivered. A final line without a terminator is
  // delivered at end of input.
  Result<bool> next_batch(std::vector<std::string>& lines, std::size_t max_lines);

  // True when next_batch() would not block: a line is waiting, or input (or its end) arrives
  // within `timeout_ms`. False means the scanner was quiet that long: idle time, where a scan
  // session does the work it keeps off the acknowledgement path.
  bool input_within(int timeout_ms) const;

 private:
  // Reads once and frames what came; false at end of input.
  Result<bool> fill();
  void frame(const char* data, std::size_t size);
  void end_line();
  bool readable_within(int timeout_ms) const;

  int fd_;
  std::size_t max_line_;
  std::string partial_;             // the line being read, at most max_line_ + 1 bytes
  std::deque<std::string> ready_;   // complete lines not yet handed out
  bool eof_ = false;
};

}  // namespace shelfnode::platform
