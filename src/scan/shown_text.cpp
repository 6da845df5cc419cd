#include "scan/shown_text.h"

#include <cstdio>

namespace shelfnode::scan {
namespace {

constexpr std::size_t kMaxShown = 64;

bool printable(unsigned char byte) {
  return byte >= 0x20 && byte < 0x7F;
}

}  // namespace

std::string shown(std::string_view text) {
  std::string out;
  const std::string_view head = text.substr(0, kMaxShown);
  out.reserve(head.size() + 8);
  for (char c : head) {
    const auto byte = static_cast<unsigned char>(c);
    if (printable(byte) && c != '\\') {
      out.push_back(c);
      continue;
    }
    char escaped[8];
    std::snprintf(escaped, sizeof escaped, "\\x%02X", static_cast<unsigned>(byte));
    out.append(escaped);
  }
  if (text.size() > kMaxShown) out.append("...");
  return out;
}

std::string describe_char(char c) {
  const auto byte = static_cast<unsigned char>(c);
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned>(byte));
  if (printable(byte) && c != ' ') return "'" + std::string(1, c) + "' (" + hex + ")";
  return hex;
}

}  // namespace shelfnode::scan
