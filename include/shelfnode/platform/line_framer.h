#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace shelfnode::platform {

// Cuts a byte stream into lines at any of `terminators` (CR and LF by default, so CR, LF and
// CRLF each end one line). Blank and whitespace-only lines are a scanner's stray terminator
// (the LF of a CRLF, an extra Enter), not a scan, and are dropped.
//
// Memory is bounded whatever arrives: a line longer than `max_line` keeps only its first
// `max_line + 1` bytes (so the scan session still sees it is too long and refuses it) and the
// rest is dropped up to the next terminator. Each byte is looked at once.
class LineFramer {
 public:
  explicit LineFramer(std::size_t max_line, std::string terminators = "\r\n")
      : max_line_(max_line), terminators_(std::move(terminators)) {}

  // Appends every line `bytes` completes to `lines`.
  void feed(std::string_view bytes, std::vector<std::string>& lines);
  // Ends the line being read (end of input, a gap): appends it unless it is blank.
  void finish(std::vector<std::string>& lines);
  // Whether part of a line has been read (whitespace counts).
  bool partial() const { return !partial_.empty(); }

 private:
  void end_line(std::vector<std::string>& lines);

  std::size_t max_line_;
  std::string terminators_;
  std::string partial_;  // the line being read, at most max_line_ + 1 bytes
  bool blank_ = true;    // nothing but spaces and tabs in it so far, kept or not
};

}  // namespace shelfnode::platform
