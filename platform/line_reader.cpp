#include "shelfnode/platform/line_reader.h"

namespace shelfnode::platform {

Result<bool> LineReader::next_batch(std::vector<std::string>& lines, std::size_t max_lines) {
  lines.clear();
  Result<bool> more = reader_.next_batch(scans_, max_lines);
  if (!more.ok()) return more.status();
  for (Scan& s : scans_) lines.push_back(std::move(s.text));
  return *more;
}

}  // namespace shelfnode::platform
