#include "shelfnode/catalog/catalog.h"
#include "shelfnode/core/printable.h"

namespace shelfnode::catalog {
namespace {

// Unicode White_Space other than the C0 and C1 controls (refused as such).
bool is_space(char32_t c) {
  return c == 0x20 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
         c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

// `text` must be valid UTF-8.
bool has_whitespace(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    char32_t c = len == 1 ? lead : lead & (0x7F >> len);
    for (std::size_t k = 1; k < len; ++k) {
      c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    if (is_space(c)) return true;
    i += len;
  }
  return false;
}

// C0 (TAB, CR, LF, ESC...), DEL, and C1 (U+0080–U+009F) in its UTF-8 form.
bool has_control_character(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x20 || b == 0x7F) return true;
    if (b == 0xC2 && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next < 0xA0) return true;
    }
  }
  return false;
}

}  // namespace

Status validate_sku(std::string_view sku) {
  if (sku.empty()) return bad_data("SKU is empty");
  if (has_control_character(sku)) return bad_data("SKU contains a control character: retype it");
  if (!is_valid_utf8(sku)) {
    return bad_data("SKU '" + printable(sku) + "' is not valid UTF-8: save the file as UTF-8");
  }
  if (sku.size() > kMaxSkuLength) {
    return bad_data("SKU '" + std::string(sku) + "' is longer than 40 characters (Wix's limit)");
  }
  if (sku.front() == ' ' || sku.back() == ' ') {
    return bad_data("SKU '" + std::string(sku) + "' has a leading or trailing space");
  }
  if (has_whitespace(sku)) {
    // A scan reply is `OK <uuid> <sku> <qty>`: a SKU with a space in it has five fields.
    return bad_data("SKU '" + std::string(sku) +
                    "' contains whitespace: a SKU must be one word (use '-' or '_')");
  }
  return Status::Ok();
}

Status validate_name(std::string_view name) {
  if (name.empty()) return bad_data("name is empty: give every SKU a name clerks recognise");
  if (name.size() > kMaxNameLength) return bad_data("name is longer than 200 characters");
  if (has_control_character(name)) {
    return bad_data("name contains a control character (tab, line break, escape...): retype it");
  }
  if (!is_valid_utf8(name)) {
    return bad_data("name is not valid UTF-8: save the file as UTF-8 (\"CSV UTF-8\")");
  }
  return Status::Ok();
}

}  // namespace shelfnode::catalog
