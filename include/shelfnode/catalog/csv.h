#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "shelfnode/core/result.h"

namespace shelfnode::catalog {

// Reads RFC 4180 records: comma-separated, fields optionally in double quotes (a quoted field
// may hold commas, doubled quotes and line breaks), CRLF or LF line ends, UTF-8 BOM skipped.
class CsvReader {
 public:
  // `text` is the whole file; it must outlive the reader.
  explicit CsvReader(std::string_view text) : text_(text) {}

  // Next record into `fields`; false at end of input. An unterminated quote is kBadData
  // naming the line where the record started.
  Result<bool> next(std::vector<std::string>& fields);
  // Line (1-based) on which the last record returned started.
  int line() const { return record_line_; }

 private:
  int peek() const { return at_ < text_.size() ? static_cast<unsigned char>(text_[at_]) : kEnd; }
  int get() { return at_ < text_.size() ? static_cast<unsigned char>(text_[at_++]) : kEnd; }

  static constexpr int kEnd = -1;
  std::string_view text_;
  std::size_t at_ = 0;
  int line_ = 1;
  int record_line_ = 0;
  bool first_ = true;
};

}  // namespace shelfnode::catalog
