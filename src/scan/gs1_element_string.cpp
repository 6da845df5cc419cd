#include "scan/gs1_element_string.h"

#include <string>

#include "scan/check_digit.h"
#include "scan/gs1_ai_table.h"
#include "scan/gs1_ai_value.h"
#include "scan/shown_text.h"

namespace shelfnode::scan {
namespace {

std::string at_position(std::size_t pos) {
  return " at position " + std::to_string(pos + 1);
}

Status unknown_ai(std::string_view excerpt, std::size_t pos) {
  return bad_data("unknown or unsupported GS1 Application Identifier \"" + shown(excerpt) + "\"" +
                  at_position(pos) + "; shelfnode reads " + std::string(supported_ai_list()) +
                  ", so the label is misread or wrong: rescan, or scan the product's EAN/UPC or "
                  "type its GTIN instead");
}

// The characters of `data` from `pos` that an unknown AI message should show: up to 4, the
// longest AI, and never a separator or control character.
std::string_view ai_excerpt(std::string_view data, std::size_t pos) {
  std::string_view rest = data.substr(pos, 4);
  for (std::size_t i = 0; i < rest.size(); ++i) {
    const auto byte = static_cast<unsigned char>(rest[i]);
    if (byte < 0x20 || byte >= 0x7F) return rest.substr(0, i);
  }
  return rest;
}

}  // namespace

bool looks_bracketed(std::string_view text) {
  if (text.size() < 4 || text[0] != '(') return false;
  const std::size_t close = text.find(')');
  if (close == std::string_view::npos || close < 3 || close > 5) return false;
  return all_digits(text.substr(1, close - 1));
}

Result<std::vector<Gs1Element>> parse_bracketed(std::string_view text) {
  std::vector<Gs1Element> elements;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t close = text.find(')', pos);
    const std::size_t ai_len = close == std::string_view::npos ? 0 : close - pos - 1;
    if (text[pos] != '(' || ai_len < 2 || ai_len > 4 || !all_digits(text.substr(pos + 1, ai_len))) {
      return bad_data("expected an AI in brackets such as (01)" + at_position(pos) + " of \"" +
                      shown(text) + "\"; write a literal '(' in a value as \\(");
    }
    const std::string_view ai = text.substr(pos + 1, ai_len);
    const AiDefinition* def = find_ai(ai);
    if (def == nullptr) return unknown_ai(ai, pos);
    pos = close + 1;
    std::string value;
    while (pos < text.size() && text[pos] != '(') {
      if (text[pos] == '\\' && pos + 1 < text.size() && text[pos + 1] == '(') ++pos;
      value.push_back(text[pos++]);
    }
    SHELFNODE_RETURN_IF_ERROR(check_ai_value(*def, value));
    elements.push_back(Gs1Element{std::string(ai), std::move(value)});
  }
  if (elements.empty()) return bad_data("bracketed GS1 data is empty; " + std::string(kGs1Advice));
  return elements;
}

Result<std::vector<Gs1Element>> parse_raw(std::string_view data) {
  std::size_t pos = 0;
  if (!data.empty() && data[0] == kGroupSeparator) pos = 1;
  if (pos == data.size()) {
    return bad_data("the scan carries a GS1 symbology identifier but no data; " +
                    std::string(kGs1Advice));
  }
  std::vector<Gs1Element> elements;
  while (pos < data.size()) {
    if (data[pos] == kGroupSeparator) {
      return bad_data("two GS separators in a row" + at_position(pos) + " of the GS1 data; " +
                      std::string(kGs1Advice));
    }
    const AiDefinition* def = match_ai_prefix(data.substr(pos));
    if (def == nullptr) return unknown_ai(ai_excerpt(data, pos), pos);
    pos += def->ai.size();
    std::string_view value;
    if (def->predefined_length) {
      value = data.substr(pos, static_cast<std::size_t>(def->max_length));
      // A GS inside a predefined-length value means the value was cut short; reporting it as
      // a length error says more than "0x1D is not a digit".
      value = value.substr(0, value.find(kGroupSeparator));
      pos += value.size();
      if (pos < data.size() && data[pos] == kGroupSeparator) ++pos;
    } else {
      std::size_t end = data.find(kGroupSeparator, pos);
      if (end == std::string_view::npos) end = data.size();
      value = data.substr(pos, end - pos);
      if (value.size() > static_cast<std::size_t>(def->max_length)) {
        return bad_data("(" + std::string(def->ai) + ") " + std::string(def->title) + " runs to " +
                        std::to_string(value.size()) + " characters but may have at most " +
                        std::to_string(def->max_length) + "; the GS separator after it is " +
                        "probably missing: set the scanner to transmit FNC1 as GS (0x1D)");
      }
      pos = end == data.size() ? end : end + 1;
    }
    SHELFNODE_RETURN_IF_ERROR(check_ai_value(*def, value));
    elements.push_back(Gs1Element{std::string(def->ai), std::string(value)});
  }
  return elements;
}

}  // namespace shelfnode::scan
