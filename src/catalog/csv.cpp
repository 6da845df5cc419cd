#include "shelfnode/catalog/csv.h"

namespace shelfnode::catalog {

Result<bool> CsvReader::next(std::vector<std::string>& fields) {
  fields.clear();
  if (first_) {
    first_ = false;
    if (peek() == 0xEF) {
      if (text_.substr(0, 3) != "\xEF\xBB\xBF") {
        return bad_data(
            "line 1: the file starts with bytes that are not text; save it as UTF-8 CSV");
      }
      at_ = 3;
    }
  }
  record_line_ = line_;
  if (peek() == kEnd) return false;

  std::string field;
  bool quoted = false;      // inside a quoted section
  bool was_quoted = false;  // this field began with a quote
  for (;;) {
    int c = get();
    if (c == kEnd) {
      if (quoted) {
        return bad_data("line " + std::to_string(record_line_) +
                        ": a quoted field is never closed; add the missing '\"'");
      }
      fields.push_back(std::move(field));
      return true;
    }
    if (quoted) {
      if (c == '"') {
        if (peek() == '"') {
          get();
          field += '"';
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line_;
        field += static_cast<char>(c);
      }
      continue;
    }
    if (c == '"' && field.empty() && !was_quoted) {
      quoted = was_quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
      was_quoted = false;
    } else if (c == '\r' && peek() == '\n') {
      continue;
    } else if (c == '\n') {
      ++line_;
      fields.push_back(std::move(field));
      return true;
    } else {
      field += static_cast<char>(c);
    }
  }
}

}  // namespace shelfnode::catalog
