#pragma once

#include <array>
#include <string_view>

namespace shelfnode::scan {

// What an 8-digit UPC-E (number system, six body digits, check digit) says, decided without
// building any message. Both readers of UPC-E use it: expand_upce() turns a failure into an
// error, while a bare 8-digit scan only drops the UPC-E reading (it may still be an EAN-8 or a
// SKU). Keeping the decision here means one exhaustive test covers both.
struct UpceReading {
  enum class Verdict {
    kNotUpce,          // not 8 digits, or a number system other than 0 and 1
    kWrongCheckDigit,  // a UPC-E shape whose check digit does not match the expansion
    kValid,
  };
  Verdict verdict = Verdict::kNotUpce;
  std::array<char, 12> upca{};    // the expanded UPC-A, check digit last (unless kNotUpce)
  int expected_check_digit = -1;  // the UPC-A check digit of the expansion (unless kNotUpce)

  std::string_view upca_text() const { return {upca.data(), upca.size()}; }
};

UpceReading read_upce(std::string_view upce);

}  // namespace shelfnode::scan
