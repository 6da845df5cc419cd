#pragma once

#include <string>
#include <string_view>

#include "scan/gs1_ai_table.h"
#include "shelfnode/core/status.h"

namespace shelfnode::scan {

// What to tell the clerk when a GS1 code is malformed: rescanning cures a misread, and a
// badly printed label can always be bypassed with the product's own EAN/UPC.
inline constexpr std::string_view kGs1Advice =
    "rescan; if it fails again the label is wrong, so scan the product's EAN/UPC or type "
    "its GTIN instead";

// Checks one AI value (separators already removed) against its definition: length, character
// set, check digit and date. The message names the AI, the value and the rule it broke.
Status check_ai_value(const AiDefinition& def, std::string_view value);

// A 310n/320n value as a decimal number: ("001250", 3) -> "1.250".
std::string measure_text(std::string_view value, int decimals);

}  // namespace shelfnode::scan
