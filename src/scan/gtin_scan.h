#pragma once

#include <string>
#include <string_view>

#include "scan/aim_identifier.h"
#include "shelfnode/core/result.h"
#include "shelfnode/scan/scan_code.h"

namespace shelfnode::scan {

// Reads a scan that is only digits and came without a symbology identifier. Such a number may
// be a GTIN or a shop's own numeric SKU, so a failed check digit is not an error: the result is
// then kPlain with `gtin_problem` saying why it is not a GTIN. 8 digits starting with 0 or 1
// may be an EAN-8 or a UPC-E; each reading whose check digit holds becomes a candidate, EAN-8
// first. 6 digits are not read as a UPC-E body: without number system and check digit the
// expansion cannot be verified.
ScanCode read_bare_number(std::string digits);

// Reads the data after ]E0 (13 digits EAN-13/UPC-A; also accepted: 12 digits UPC-A, 8 digits
// UPC-E), ]E4 (8 digits EAN-8) or ]E3 (13 digits plus a 2- or 5-digit add-on; the candidate
// is the 13-digit GTIN and `text` keeps the add-on, so a shop can still register the full code
// as a SKU or alias). The identifier says these are EAN/UPC symbols, so any mismatch is an
// error.
Result<ScanCode> read_ean_upc(AimIdentifier id, std::string_view digits);

}  // namespace shelfnode::scan
