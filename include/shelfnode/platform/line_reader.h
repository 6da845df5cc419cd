#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "shelfnode/core/result.h"

namespace shelfnode::platform {

// Reads newline-framed scans from a file descriptor (stdin, a pipe, a serial line already in
// raw mode) in batches: it blocks for the first line, then takes every further line that is
// already waiting, without blocking, up to `max_lines`. This is what lets a scan session
// commit a burst of scans in one transaction while a single scan still goes out at once.
class LineReader {
 public:
  explicit LineReader(int fd) : fd_(fd) {}

  // Fills `lines` (CR/LF stripped, blank and whitespace-only lines skipped). False once input has
  // ended and every line was delivered. A final line without a newline is delivered at end of
  // input.
  Result<bool> next_batch(std::vector<std::string>& lines, std::size_t max_lines);

 private:
  // Appends bytes from one read(); false at end of input.
  Result<bool> fill();
  void take_lines(std::vector<std::string>& lines, std::size_t max_lines);
  bool readable_now() const;

  int fd_;
  std::string buffer_;
  bool eof_ = false;
};

}  // namespace shelfnode::platform
