#include "shelfnode/platform/line_framer.h"

#include <algorithm>

namespace shelfnode::platform {

void LineFramer::end_line(std::vector<std::string>& lines) {
  if (!blank_) lines.push_back(std::move(partial_));
  partial_.clear();
  blank_ = true;
}

void LineFramer::feed(std::string_view bytes, std::vector<std::string>& lines) {
  while (!bytes.empty()) {
    const std::size_t stop = std::min(bytes.find_first_of(terminators_), bytes.size());
    // Keep one byte past the limit so the line is still seen as too long (partial_ never
    // holds more than that).
    const std::size_t room = max_line_ + 1 - partial_.size();
    partial_.append(bytes.data(), std::min(room, stop));
    // Blank by everything the line held, not only the part kept: spaces past the limit and
    // then a code make a line too long, which the session must refuse aloud.
    if (blank_ && bytes.substr(0, stop).find_first_not_of(" \t") != std::string_view::npos) {
      blank_ = false;
    }
    if (stop == bytes.size()) break;
    end_line(lines);
    bytes.remove_prefix(stop + 1);
  }
}

void LineFramer::finish(std::vector<std::string>& lines) {
  if (!partial_.empty()) end_line(lines);
}

}  // namespace shelfnode::platform
