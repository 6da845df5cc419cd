#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "shelfnode/core/result.h"
#include "shelfnode/platform/source_reader.h"
#include "shelfnode/platform/stdin_source.h"

namespace shelfnode::platform {

// Reads scans framed by CR, LF or CRLF from a file descriptor (stdin, a pipe, a serial line
// already in raw mode) in batches: it blocks for the first scan, then takes every further scan
// that is already waiting, without blocking, up to `max_lines`. It is a StdinSource read by a
// SourceReader, for callers that want plain lines (a StdinSource never refuses a line).
//
// Memory is bounded whatever arrives: a line longer than `max_line` keeps only its first
// `max_line + 1` bytes (so the session still sees it is too long and refuses it) and the rest
// is dropped up to the next terminator (LineFramer).
class LineReader {
 public:
  static constexpr std::size_t kDefaultMaxLine = 4096;
  explicit LineReader(int fd, std::size_t max_line = kDefaultMaxLine)
      : source_(fd, max_line), reader_(source_) {}
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // Fills `lines` (terminators stripped, blank and whitespace-only lines skipped). False once
  // input has ended and every line was delivered. A final line without a terminator is
  // delivered at end of input.
  Result<bool> next_batch(std::vector<std::string>& lines, std::size_t max_lines);

  // SourceReader::input_within: whether the input was quiet for `timeout_ms`.
  bool input_within(int timeout_ms) const { return reader_.input_within(timeout_ms); }

 private:
  StdinSource source_;
  SourceReader reader_;  // reads source_, so it comes after it
  std::vector<Scan> scans_;
};

}  // namespace shelfnode::platform
