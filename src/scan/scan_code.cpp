#include "shelfnode/scan/scan_code.h"

#include <optional>
#include <string>
#include <utility>

#include "scan/aim_identifier.h"
#include "scan/check_digit.h"
#include "scan/digital_link.h"
#include "scan/gs1_element_string.h"
#include "scan/gs1_meaning.h"
#include "scan/gtin_scan.h"
#include "scan/shown_text.h"

namespace shelfnode::scan {
namespace {

// Line terminators and padding a keyboard wedge or serial scanner may add. GS is not among
// them: at the end of GS1 data it is a separator, and the GS1 parser decides about it.
std::string_view trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n\v\f";
  const std::size_t first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  const std::size_t last = text.find_last_not_of(kSpace);
  return text.substr(first, last - first + 1);
}

Status check_printable(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x20 && byte != 0x7F) continue;
    const std::string where = " at position " + std::to_string(i + 1) + " of the scan";
    if (text[i] == kGroupSeparator) {
      return bad_data("GS separator (0x1D)" + where +
                      " without a GS1 symbology identifier in front; turn on AIM symbology "
                      "identifiers in the scanner so GS1 codes arrive as ]C1, ]d2, ]Q3 or ]e0");
    }
    return bad_data("control character " + describe_char(text[i]) + where +
                    "; set the scanner to a US keyboard layout and to send printable "
                    "characters only, then scan again");
  }
  return Status::Ok();
}

Result<ScanCode> read_gs1_elements(Result<std::vector<Gs1Element>> elements,
                                   std::string_view text) {
  if (!elements.ok()) return elements.status();
  ScanCode code;
  code.text = std::string(text);
  SHELFNODE_RETURN_IF_ERROR(apply_gs1_elements(std::move(*elements), code));
  return code;
}

// A scan without a symbology identifier, or one whose identifier does not fix the meaning
// (]C0, ]Q1, ...): decided by its shape alone.
Result<ScanCode> read_unmarked(std::string_view text) {
  SHELFNODE_RETURN_IF_ERROR(check_printable(text));
  if (looks_bracketed(text)) return read_gs1_elements(parse_bracketed(text), text);
  if (is_web_address(text) && looks_like_digital_link(text)) {
    return read_gs1_elements(parse_digital_link(text), text);
  }
  if (all_digits(text)) return read_bare_number(std::string(text));
  ScanCode code;
  code.text = std::string(text);
  return code;
}

}  // namespace

bool carries_gs1_data(std::string_view line) {
  std::string_view scan = trim(line);
  if (const std::optional<AimIdentifier> id = read_aim_identifier(scan)) {
    const AimContent content = aim_content(*id);
    if (content == AimContent::kGs1ElementString) return true;
    if (content != AimContent::kOther) return false;
    scan = trim(scan.substr(3));
  }
  if (scan.empty()) return false;
  if (scan[0] == kGroupSeparator || looks_bracketed(scan)) return true;
  return is_web_address(scan) && looks_like_digital_link(scan);
}

Result<ScanCode> interpret(std::string_view raw) {
  const std::string_view scan = trim(raw);
  if (scan.empty()) return bad_data("empty scan: only whitespace was received; scan again");
  if (const std::optional<AimIdentifier> id = read_aim_identifier(scan)) {
    const std::string_view data = scan.substr(3);
    if (data.empty()) {
      return bad_data("the scan is only the symbology identifier " + id->text() +
                      ", without data; scan again");
    }
    switch (aim_content(*id)) {
      case AimContent::kGs1ElementString:
        return read_gs1_elements(parse_raw(data), data);
      case AimContent::kEanUpc:
      case AimContent::kEanUpcWithAddOn:
      case AimContent::kEan8:
        return read_ean_upc(*id, data);
      case AimContent::kOther: {
        // Spaces padding the symbol's text cannot be part of a SKU or GTIN either.
        const std::string_view text = trim(data);
        if (text.empty()) return bad_data("the scan after " + id->text() + " is blank; scan again");
        return read_unmarked(text);
      }
    }
  }
  // FNC1 in first position sent as a GS character, by scanners with AIM identifiers off. Only
  // a strict parse of the whole scan as GS1 data can succeed, and a plain code never contains
  // GS (check_printable), so this reading cannot turn a plain code into a product.
  if (scan[0] == kGroupSeparator) return read_gs1_elements(parse_raw(scan), scan);
  return read_unmarked(scan);
}

}  // namespace shelfnode::scan
