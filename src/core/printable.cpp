#include "shelfnode/core/printable.h"

namespace shelfnode {
namespace {

// Length of the well-formed UTF-8 sequence at the start of `text` (Unicode 15, table 3-7:
// no overlong forms, no surrogates, nothing past U+10FFFF), or 0 when there is none.
std::size_t utf8_sequence(std::string_view text) {
  const auto at = [&text](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = at(0);
  std::size_t len = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    len = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    len = 3;
    if (lead == 0xE0) lo = 0xA0;  // overlong
    if (lead == 0xED) hi = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    len = 4;
    if (lead == 0xF0) lo = 0x90;  // overlong
    if (lead == 0xF4) hi = 0x8F;  // past U+10FFFF
  } else {
    return 0;
  }
  if (text.size() < len || at(1) < lo || at(1) > hi) return 0;
  for (std::size_t i = 2; i < len; ++i) {
    if ((at(i) & 0xC0) != 0x80) return 0;
  }
  return len;
}

void append_escaped(std::string& out, unsigned char byte) {
  constexpr char kHex[] = "0123456789ABCDEF";
  out += "\\x";
  out += kHex[byte >> 4];
  out += kHex[byte & 0x0F];
}

std::string escape(std::string_view text, bool keep_line_feeds) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if ((byte >= 0x20 && byte < 0x7F) || (byte == '\n' && keep_line_feeds)) {
      out += text[i++];
      continue;
    }
    const std::size_t len = byte < 0x80 ? 0 : utf8_sequence(text.substr(i));
    // C1 controls (U+0080–U+009F) are C2 80–C2 9F: escaped byte by byte like the rest.
    const bool c1 = len == 2 && byte == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0;
    if (len == 0 || c1) {
      append_escaped(out, byte);
      ++i;
      continue;
    }
    out.append(text, i, len);
    i += len;
  }
  return out;
}

}  // namespace

std::string printable(std::string_view text) {
  return escape(text, false);
}

std::string printable_lines(std::string_view text) {
  return escape(text, true);
}

bool is_valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t len = utf8_sequence(text.substr(i));
    if (len == 0) return false;
    i += len;
  }
  return true;
}

std::string_view utf8_head(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  // text[max_bytes] is the first byte left off: when it continues a character (10xxxxxx),
  // back up to that character's lead byte and leave the whole character off.
  std::size_t start = max_bytes;
  while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
  const std::size_t len = start < max_bytes ? utf8_sequence(text.substr(start)) : 0;
  return text.substr(0, len != 0 && start + len > max_bytes ? start : max_bytes);
}

}  // namespace shelfnode
