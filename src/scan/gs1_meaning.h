#pragma once

#include <vector>

#include "shelfnode/core/status.h"
#include "shelfnode/scan/scan_code.h"

namespace shelfnode::scan {

// Turns parsed GS1 elements into what the shop needs: kind kGs1, the product's GTIN-14 from
// (01), or from (02) when (37) counts the contained items, and the quantity from (30) or (37).
// Combinations that would make the product or the count ambiguous are refused:
//   - the same AI twice with different values;
//   - two net weights of one unit (e.g. 3102 and 3103);
//   - (01) together with (02), or (01) with (37);
//   - (02) without (37), or (37) without (02);
//   - (30) together with (37): two counts, and no rule says which one the scan stands for;
//   - a count of 0.
// A code with neither (01) nor (02), e.g. an SSCC pallet label, is valid but names no product:
// `gtin_problem` says so, and the lookup reports it.
Status apply_gs1_elements(std::vector<Gs1Element> elements, ScanCode& code);

}  // namespace shelfnode::scan
