#include "scan/gtin_scan.h"

#include <string>
#include <utility>

#include "scan/check_digit.h"
#include "scan/shown_text.h"
#include "scan/upce.h"
#include "shelfnode/scan/gtin.h"

namespace shelfnode::scan {
namespace {

std::string to_gtin14(std::string_view digits) {
  return std::string(14 - digits.size(), '0') + std::string(digits);
}

// Fills candidates for an 8-digit number, or explains why neither reading holds.
void read_eight_digits(ScanCode& code) {
  const std::string& digits = code.text;
  const std::string ean8_problem = check_digit_problem(digits);
  if (ean8_problem.empty()) code.gtin14_candidates.push_back(to_gtin14(digits));

  const UpceReading upce = read_upce(digits);
  if (upce.verdict == UpceReading::Verdict::kValid) {
    std::string upca14 = to_gtin14(upce.upca_text());
    // A few degenerate numbers (e.g. 00000055) expand to the very GTIN the EAN-8 reading gives.
    const bool same_as_ean8 =
        !code.gtin14_candidates.empty() && code.gtin14_candidates.front() == upca14;
    if (!same_as_ean8) code.gtin14_candidates.push_back(std::move(upca14));
  }
  if (!code.gtin14_candidates.empty()) {
    code.kind = ScanCode::Kind::kGtin;
    return;
  }
  code.gtin_problem = ean8_problem;
  if (upce.verdict == UpceReading::Verdict::kWrongCheckDigit) {
    const int ean8_expected = gtin_check_digit(digits.substr(0, 7));
    const int upce_expected = upce.expected_check_digit;
    const std::string readings = ean8_expected == upce_expected
                                     ? std::to_string(ean8_expected) + " (as EAN-8 and as UPC-E)"
                                     : std::to_string(ean8_expected) + " as EAN-8 or " +
                                           std::to_string(upce_expected) + " as UPC-E";
    code.gtin_problem =
        "check digit of " + digits + " should be " + readings + ", not " + digits[7];
  }
}

Status wrong_ean_upc_data(AimIdentifier id, std::string_view data, std::string_view expected) {
  return bad_data(id.text() + " (EAN/UPC) data \"" + shown(data) + "\" is not " +
                  std::string(expected) + ": rescan, and check the scanner's EAN/UPC settings");
}

}  // namespace

ScanCode read_bare_number(std::string digits) {
  ScanCode code;
  code.text = std::move(digits);
  const std::size_t n = code.text.size();
  if (n == 8) {
    read_eight_digits(code);
  } else if (n == 12 || n == 13 || n == 14) {
    code.gtin_problem = check_digit_problem(code.text);
    if (code.gtin_problem.empty()) {
      code.kind = ScanCode::Kind::kGtin;
      code.gtin14_candidates.push_back(to_gtin14(code.text));
    }
  } else if (n == 6) {
    code.gtin_problem =
        "6 digits may be a UPC-E sent without number system and check digit, which cannot be "
        "verified; set the scanner to transmit UPC-E in full (8 digits) or as UPC-A";
  }
  return code;
}

Result<ScanCode> read_ean_upc(AimIdentifier id, std::string_view digits) {
  const AimContent content = aim_content(id);
  if (content != AimContent::kEanUpc && content != AimContent::kEan8 &&
      content != AimContent::kEanUpcWithAddOn) {
    return internal_error(id.text() + " is not an EAN/UPC symbology identifier");
  }
  const std::size_t n = digits.size();
  std::string_view main = digits;
  const bool digits_only = all_digits(digits);
  if (content == AimContent::kEan8 && (n != 8 || !digits_only)) {
    return wrong_ean_upc_data(id, digits, "8 digits (EAN-8)");
  }
  if (content == AimContent::kEanUpc && (!digits_only || (n != 13 && n != 12 && n != 8))) {
    return wrong_ean_upc_data(id, digits, "13 digits (EAN-13/UPC-A), 12 (UPC-A) or 8 (UPC-E)");
  }
  if (content == AimContent::kEanUpcWithAddOn) {
    if (!digits_only || (n != 15 && n != 18)) {
      return wrong_ean_upc_data(id, digits, "13 digits plus a 2- or 5-digit add-on");
    }
    main = digits.substr(0, 13);
  }
  std::string gtin_digits(main);
  if (content == AimContent::kEanUpc && n == 8) {
    Result<std::string> upca = expand_upce(main);
    if (!upca.ok()) return upca.status().with_context(id.text());
    gtin_digits = std::move(*upca);
  }
  Result<std::string> gtin14 = normalise_gtin(gtin_digits);
  if (!gtin14.ok()) return gtin14.status().with_context(id.text());
  ScanCode code;
  code.kind = ScanCode::Kind::kGtin;
  code.text = std::string(digits);
  code.gtin14_candidates.push_back(std::move(*gtin14));
  return code;
}

}  // namespace shelfnode::scan
