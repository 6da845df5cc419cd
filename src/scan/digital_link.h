#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "shelfnode/core/result.h"
#include "shelfnode/scan/scan_code.h"

namespace shelfnode::scan {

// True for "http://" or "https://" (scheme in any case).
bool is_web_address(std::string_view text);

// True for a web address whose path has a segment "01" or "gtin" followed by a segment that
// starts with at least 8 digits: the shape of a GS1 Digital Link to a product. Requiring the digits
// keeps ordinary links such as ".../2024/01/15/news" plain text instead of failing them as broken
// Digital Links.
bool looks_like_digital_link(std::string_view text);

// Decodes %XX escapes; a '%' not followed by two hex digits is kBadData.
Result<std::string> percent_decode(std::string_view text);

// Parses a GS1 Digital Link URI such as
//   https://example.com/shop/01/09506000134352/10/ABC?17=261231&linkType=all
// into elements in path order, then query order. The path is read from the right in
// (key, value) pairs until the GTIN pair ("01" or "gtin"); whatever lies left of it is the
// resolver's own prefix and ignored. After the GTIN only (10) or "lot" then (21) or "ser" may
// follow, in that order. The GTIN may be 8, 12, 13 or 14 digits and is stored as GTIN-14 after
// its check digit is verified. Query parameters whose key is all digits are AIs and must be
// valid; other parameters (linkType, utm_*, ...) are ignored. The fragment is ignored.
Result<std::vector<Gs1Element>> parse_digital_link(std::string_view uri);

}  // namespace shelfnode::scan
