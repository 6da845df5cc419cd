#include "shelfnode/core/path.h"

#include <unistd.h>

#include <vector>

namespace shelfnode {

std::string absolute_normal_path(const std::string& given) {
  if (given.empty()) return "";
  std::string full = given;
  if (given.front() != '/') {
    std::vector<char> cwd(4096);
    if (getcwd(cwd.data(), cwd.size()) == nullptr) return "";
    full = std::string(cwd.data()) + "/" + given;
  }
  std::vector<std::string> parts;
  bool trailing_slash = false;
  for (std::size_t at = 0; at <= full.size();) {
    std::size_t end = full.find('/', at);
    if (end == std::string::npos) end = full.size();
    const std::string part = full.substr(at, end - at);
    const bool last = end == full.size();
    if (part.empty()) {
      if (last) trailing_slash = true;  // "a/" (a separator was the last thing)
    } else if (part == ".") {
      if (last) trailing_slash = true;
    } else if (part == "..") {
      if (!parts.empty()) parts.pop_back();  // above the root stays at the root
      if (last) trailing_slash = true;
    } else {
      parts.push_back(part);
      trailing_slash = false;
    }
    at = end + 1;
  }
  std::string out = "/";
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += '/';
    out += parts[i];
  }
  if (trailing_slash && !parts.empty()) out += '/';
  return out;
}

}  // namespace shelfnode
