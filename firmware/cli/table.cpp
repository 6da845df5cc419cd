#include "cli/table.h"

namespace shelfnode::cli {
namespace {

bool continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Bytes of `text` that make up its first `n` characters.
std::size_t prefix_bytes(std::string_view text, std::size_t n) {
  std::size_t end = 0;
  for (std::size_t used = 0; end < text.size() && used < n; ++used) {
    ++end;
    while (end < text.size() && continuation(text[end])) ++end;
  }
  return end;
}

}  // namespace

std::size_t columns(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += continuation(c) ? 0 : 1;
  return n;
}

std::string fit(std::string_view text, std::size_t width) {
  const std::size_t used = columns(text);
  if (used <= width) return std::string(text) + std::string(width - used, ' ');
  if (width == 0) return "";
  return std::string(text.substr(0, prefix_bytes(text, width - 1))) + "\u2026";
}

}  // namespace shelfnode::cli
