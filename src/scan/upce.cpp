#include "scan/upce.h"

#include <cstring>
#include <string>

#include "scan/check_digit.h"
#include "scan/shown_text.h"
#include "shelfnode/scan/gtin.h"

namespace shelfnode::scan {
namespace {

// Writes the 11-digit UPC-A body for a number system digit plus six body digits d1..d6. The
// last body digit says where the manufacturer code ends and how many zeros were suppressed
// (field notes §3, UPC-E table). Plain memcpy/memset into a fixed buffer: this runs for every
// 8-digit scan and 20 million times in the exhaustive test, also in unoptimised builds.
void write_upca_body(const char* ns_and_body, char* out) {
  const char* d = ns_and_body + 1;  // d[0..5] are d1..d6
  out[0] = ns_and_body[0];
  char* p = out + 1;
  switch (d[5]) {
    case '0':
    case '1':
    case '2':  // d1 d2 d6 0000 d3 d4 d5
      std::memcpy(p, d, 2);
      p[2] = d[5];
      std::memset(p + 3, '0', 4);
      std::memcpy(p + 7, d + 2, 3);
      break;
    case '3':  // d1 d2 d3 00000 d4 d5
      std::memcpy(p, d, 3);
      std::memset(p + 3, '0', 5);
      std::memcpy(p + 8, d + 3, 2);
      break;
    case '4':  // d1 d2 d3 d4 00000 d5
      std::memcpy(p, d, 4);
      std::memset(p + 4, '0', 5);
      p[9] = d[4];
      break;
    default:  // d1 d2 d3 d4 d5 0000 d6
      std::memcpy(p, d, 5);
      std::memset(p + 5, '0', 4);
      p[9] = d[5];
      break;
  }
}

}  // namespace

UpceReading read_upce(std::string_view upce) {
  UpceReading reading;
  if (upce.size() != 8 || !all_digits(upce) || (upce[0] != '0' && upce[0] != '1')) {
    return reading;
  }
  write_upca_body(upce.data(), reading.upca.data());
  // The UPC-E check digit is by definition the UPC-A check digit of the expansion.
  reading.expected_check_digit = check_digit_of_digits(std::string_view(reading.upca.data(), 11));
  reading.upca[11] = static_cast<char>('0' + reading.expected_check_digit);
  reading.verdict = upce[7] - '0' == reading.expected_check_digit
                        ? UpceReading::Verdict::kValid
                        : UpceReading::Verdict::kWrongCheckDigit;
  return reading;
}

Result<std::string> expand_upce(std::string_view upce) {
  const UpceReading reading = read_upce(upce);
  switch (reading.verdict) {
    case UpceReading::Verdict::kValid:
      return std::string(reading.upca_text());
    case UpceReading::Verdict::kWrongCheckDigit:
      return bad_data("check digit of UPC-E " + std::string(upce) + " should be " +
                      std::to_string(reading.expected_check_digit) + ", not " + upce[7] +
                      ": rescan or type the code again");
    case UpceReading::Verdict::kNotUpce:
      break;
  }
  if (upce.size() != 8 || !all_digits(upce)) {
    return bad_data("UPC-E \"" + shown(upce) +
                    "\" must be 8 digits (number system, six digits, check digit); "
                    "set the scanner to transmit UPC-E with number system and check digit");
  }
  return bad_data("UPC-E " + std::string(upce) + " has number system " + upce[0] +
                  "; only 0 and 1 exist: rescan or type the code again");
}

}  // namespace shelfnode::scan
