#include "shelfnode/catalog/catalog.h"
#include "shelfnode/core/printable.h"

namespace shelfnode::catalog {
namespace {

// Unicode White_Space other than the C0 and C1 controls (refused as such), as UTF-8. In
// valid UTF-8 a byte search finds exactly these characters.
bool has_whitespace(std::string_view text) {
  static constexpr std::string_view kSpaces[] = {
      " ",            "\xC2\xA0",     "\xE1\x9A\x80", "\xE2\x80\x80", "\xE2\x80\x81",
      "\xE2\x80\x82", "\xE2\x80\x83", "\xE2\x80\x84", "\xE2\x80\x85", "\xE2\x80\x86",
      "\xE2\x80\x87", "\xE2\x80\x88", "\xE2\x80\x89", "\xE2\x80\x8A", "\xE2\x80\xA8",
      "\xE2\x80\xA9", "\xE2\x80\xAF", "\xE2\x81\x9F", "\xE3\x80\x80"};
  for (std::string_view space : kSpaces) {
    if (text.find(space) != std::string_view::npos) return true;
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
