#pragma once

#include <string>
#include <string_view>

namespace shelfnode::scan {

// True when `text` is non-empty and every character is an ASCII digit.
bool all_digits(std::string_view text);

// The GS1 mod-10 check digit of `body`, which the caller has already checked is all digits.
int check_digit_of_digits(std::string_view body);

// Why `digits` (a GS1 key with its check digit last: GTIN-8/12/13/14, SSCC) fails the mod-10
// check, e.g. "check digit of 4006381333932 should be 1, not 2"; empty when it passes.
// Callers add their own advice, because a bare number may still be a valid shop SKU.
std::string check_digit_problem(std::string_view digits);

}  // namespace shelfnode::scan
