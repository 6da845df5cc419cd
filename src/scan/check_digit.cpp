#include "scan/check_digit.h"

#include "shelfnode/scan/gtin.h"

namespace shelfnode::scan {

// The two loops below run for every scan and tens of millions of times in the exhaustive UPC-E
// test, so they walk raw pointers: that keeps unoptimised (Debug, sanitizer) builds fast too.
bool all_digits(std::string_view text) {
  const char* p = text.data();
  const char* const end = p + text.size();
  if (p == end) return false;
  for (; p != end; ++p) {
    if (*p < '0' || *p > '9') return false;
  }
  return true;
}

int check_digit_of_digits(std::string_view body) {
  // Weights run 3, 1, 3, ... from the rightmost body digit, so GTIN-8/12/13/14 and SSCC share
  // one routine and left-padding with zeros never changes the result.
  const char* const first = body.data();
  const char* p = first + body.size();
  int sum = 0;
  int weight = 3;
  while (p != first) {
    --p;
    sum += (*p - '0') * weight;
    weight = 4 - weight;
  }
  return (10 - sum % 10) % 10;
}

int gtin_check_digit(std::string_view body) {
  return all_digits(body) ? check_digit_of_digits(body) : -1;
}

std::string check_digit_problem(std::string_view digits) {
  if (digits.size() < 2) return "a GS1 number needs at least 2 digits";
  const int expected = gtin_check_digit(digits.substr(0, digits.size() - 1));
  const char last = digits.back();
  if (expected < 0 || last < '0' || last > '9') return "a GS1 number must be digits only";
  if (last - '0' == expected) return "";
  return "check digit of " + std::string(digits) + " should be " + std::to_string(expected) +
         ", not " + std::string(1, last);
}

}  // namespace shelfnode::scan
