#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "shelfnode/core/result.h"

namespace shelfnode::scan {

// GS1 mod-10 check digit over `body` (all digits, without the check digit): weights 3,1,3,...
// from the right. Returns -1 if `body` is empty or has a non-digit.
int gtin_check_digit(std::string_view body);

// Validates a GTIN-8/12/13/14 (digits only, check digit included) and left-pads it to 14.
// A wrong check digit is kBadData naming the expected digit.
Result<std::string> normalise_gtin(std::string_view digits);

// The GTIN-14 a barcode written in a catalog (CSV import, Wix) stands for: a GTIN-8/12/13/14
// as normalise_gtin(), or else an 8-digit UPC-E (number system 0/1, check digit of its
// expansion) as the UPC-A it expands to. 8 digits valid both ways are read as EAN-8; the
// lookup also finds them from every UPC-A reading of the symbol (upce_forms).
Result<std::string> normalise_catalog_barcode(std::string_view digits);

// The 8-digit UPC-Es that expand to `gtin14` (a UPC-A padded to 14 digits); usually none, one
// for a UPC-A with the zeros UPC-E suppresses, rarely two.
std::vector<std::string> upce_forms(std::string_view gtin14);

// Expands an 8-digit UPC-E (number system 0/1, six body digits, check digit) to the 12-digit
// UPC-A it stands for; the check digit is verified against the expansion.
Result<std::string> expand_upce(std::string_view upce);

}  // namespace shelfnode::scan
