#pragma once

#include <istream>
#include <string>
#include <vector>

#include "shelfnode/core/result.h"

namespace shelfnode::catalog {

// Reads RFC 4180 records: comma-separated, fields optionally in double quotes (a quoted field
// may hold commas, doubled quotes and line breaks), CRLF or LF line ends, UTF-8 BOM skipped.
class CsvReader {
 public:
  explicit CsvReader(std::istream& in) : in_(in) {}

  // Next record into `fields`; false at end of input. An unterminated quote is kBadData
  // naming the line where the record started.
  Result<bool> next(std::vector<std::string>& fields);
  // Line (1-based) on which the last record returned started.
  int line() const { return record_line_; }

 private:
  std::istream& in_;
  int line_ = 1;
  int record_line_ = 0;
  bool first_ = true;
};

}  // namespace shelfnode::catalog
