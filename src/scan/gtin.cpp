#include "shelfnode/scan/gtin.h"

#include <algorithm>

#include "scan/check_digit.h"
#include "scan/shown_text.h"
#include "scan/upce.h"

namespace shelfnode::scan {

Result<std::string> normalise_gtin(std::string_view digits) {
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (digits[i] < '0' || digits[i] > '9') {
      return bad_data("GTIN \"" + shown(digits) + "\" has a non-digit at position " +
                      std::to_string(i + 1) + "; a GTIN is digits only");
    }
  }
  const std::size_t n = digits.size();
  if (n != 8 && n != 12 && n != 13 && n != 14) {
    return bad_data("GTIN " + std::string(digits) + " has " + std::to_string(n) +
                    " digits; a GTIN has 8, 12, 13 or 14: rescan or type the code again");
  }
  std::string problem = check_digit_problem(digits);
  if (!problem.empty()) return bad_data(problem + ": rescan or type the code again");
  // GTIN-14 is the one form every GTIN-8/12/13 embeds into without changing its check digit.
  return std::string(14 - n, '0') + std::string(digits);
}

Result<std::string> normalise_catalog_barcode(std::string_view digits) {
  Result<std::string> gtin = normalise_gtin(digits);
  if (gtin.ok() || digits.size() != 8) return gtin;
  const UpceReading upce = read_upce(digits);
  if (upce.verdict != UpceReading::Verdict::kValid) {
    if (upce.verdict == UpceReading::Verdict::kNotUpce) return gtin;
    return bad_data("8-digit barcode " + std::string(digits) +
                    " is neither an EAN-8 nor a UPC-E: " + gtin.status().message());
  }
  return "00" + std::string(upce.upca_text());
}

std::vector<std::string> upce_forms(std::string_view gtin14) {
  std::vector<std::string> out;
  if (gtin14.size() != 14 || gtin14.substr(0, 2) != "00" || !all_digits(gtin14)) return out;
  const std::string_view upca = gtin14.substr(2);
  if (upca[0] != '0' && upca[0] != '1') return out;
  const std::string_view m = upca.substr(1, 10);  // manufacturer and item digits
  // One candidate per UPC-E rule (field notes §3); each is kept only if it expands back.
  const std::string candidates[] = {
      std::string(m.substr(0, 2)) + std::string(m.substr(7, 3)) + m[2],
      std::string(m.substr(0, 3)) + std::string(m.substr(8, 2)) + "3",
      std::string(m.substr(0, 4)) + m[9] + "4",
      std::string(m.substr(0, 5)) + m[9],
  };
  for (const std::string& body : candidates) {
    const std::string upce = std::string(1, upca[0]) + body + upca[11];
    const UpceReading r = read_upce(upce);
    const bool fresh = std::find(out.begin(), out.end(), upce) == out.end();
    if (r.verdict == UpceReading::Verdict::kValid && r.upca_text() == upca && fresh) {
      out.push_back(upce);
    }
  }
  return out;
}

}  // namespace shelfnode::scan
