#pragma once

#include <string_view>

namespace shelfnode::scan {

// The Application Identifiers shelfnode reads, with the format rules from the GS1 Barcode
// Syntax Dictionary (field notes §3). Anything outside this table is refused rather than
// skipped: in unbracketed data an unknown AI has an unknown length, so nothing after it could
// be read with certainty.
struct AiDefinition {
  enum class Charset {
    kNumeric,  // "N": digits only
    kCset82,   // "X": GS1 AI encodable character set 82
  };
  enum class Check {
    kNone,
    kCheckDigit,  // GS1 mod-10 check digit in the last position
    kDate,        // YYMMDD, day 00 allowed (no specific day)
  };
  std::string_view ai;
  std::string_view title;  // short name for messages, e.g. "batch/lot"
  Charset charset;
  int min_length;
  int max_length;
  // True when the length is fixed by the AI itself, so no GS separator follows the value.
  bool predefined_length;
  Check check;
  int decimals;  // implied decimal places (310n/320n), -1 when the value is not a measure
};

// The definition whose AI is exactly `ai`, or nullptr.
const AiDefinition* find_ai(std::string_view ai);

// The definition whose AI starts `data` (AIs are prefix-free, so at most one does), or nullptr.
const AiDefinition* match_ai_prefix(std::string_view data);

// "00, 01, 02, 10, ..." for messages telling the clerk what is supported.
std::string_view supported_ai_list();

}  // namespace shelfnode::scan
