#include "shelfnode/scan/gtin.h"

#include "scan/check_digit.h"
#include "scan/shown_text.h"

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

}  // namespace shelfnode::scan
