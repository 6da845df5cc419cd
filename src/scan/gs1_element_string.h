#pragma once

#include <string_view>
#include <vector>

#include "shelfnode/core/result.h"
#include "shelfnode/scan/scan_code.h"

namespace shelfnode::scan {

// ASCII 29, how scanners transmit FNC1 used as a field separator.
inline constexpr char kGroupSeparator = '\x1D';

// True when `text` opens like a bracketed element string: '(' then 2-4 digits then ')'.
bool looks_bracketed(std::string_view text);

// Parses the human-readable form "(01)09506000134352(10)ABC123(17)261231". Every AI must be in
// the table and every value valid; a literal '(' inside a value is written "\(" (the GS1
// Syntax Engine's convention), since an unescaped one starts the next AI.
Result<std::vector<Gs1Element>> parse_bracketed(std::string_view text);

// Parses unbracketed data as a scanner transmits it after ]C1, ]d2, ]Q3 or ]e0: AI then value,
// predefined-length values back to back, variable-length values ended by GS (0x1D) or by the
// end of data. Tolerated because they cannot change the meaning: one leading GS (FNC1 in first
// position sent as a character), a GS after a predefined-length value, and a trailing GS.
Result<std::vector<Gs1Element>> parse_raw(std::string_view data);

}  // namespace shelfnode::scan
