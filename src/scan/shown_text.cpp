#include "scan/shown_text.h"

#include <cstdio>

#include "shelfnode/core/printable.h"

namespace shelfnode::scan {
namespace {

constexpr std::size_t kMaxShown = 64;

bool is_printable_ascii(unsigned char byte) {
  return byte >= 0x20 && byte < 0x7F;
}

}  // namespace

std::string shown(std::string_view text) {
  std::string out = printable(utf8_head(text, kMaxShown));
  if (text.size() > kMaxShown) out.append("...");
  return out;
}

std::string describe_char(char c) {
  const auto byte = static_cast<unsigned char>(c);
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned>(byte));
  if (is_printable_ascii(byte) && c != ' ') return "'" + std::string(1, c) + "' (" + hex + ")";
  return hex;
}

}  // namespace shelfnode::scan
