#pragma once

#include <array>
#include <string>
#include <string_view>

namespace shelfnode::scan {

// One part of an AI's value as the GS1 Barcode Syntax Dictionary describes it, e.g. the "N3"
// currency code and the "N..15" amount of (3912). A part with min_length 0 is optional.
struct AiComponent {
  enum class Charset {
    kNumeric,  // "N": digits only
    kCset82,   // "X": GS1 AI encodable character set 82
    kCset39,   // "Y": GS1 AI encodable character set 39 (0-9, A-Z, '#', '-', '/')
    kCset64,   // "Z": GS1 AI encodable character set 64 (file-safe base64 with '=' padding)
  };
  enum class Check {
    kNone,
    kCheckDigit,    // "csum": GS1 mod-10 check digit in the last position
    kDateOrDay00,   // "yymmd0": YYMMDD, day 00 allowed (no specific day)
    kDate,          // "yymmdd"
    kDateHour,      // "yymmddhh"
    kHourMinute,    // "hhmm"
    kMinuteSecond,  // "mmoptss": MM or MMSS
    kYesNo,         // "yesno": 0 or 1
    kHyphen,        // "hyphen": the single character '-'
    kZero,          // "zero": the digit 0
    kNonZero,       // "nonzero": not all zeros
    kNoZeroPrefix,  // "nozeroprefix": no leading 0 unless the value is "0"
    kCountryList,   // "iso3166list": 1-5 three-digit country codes
    kPieceOfTotal,  // "pieceoftotal": NNMM, 1 <= piece NN <= total MM
    kWinding,       // "winding": 0, 1 or 9
  };
  Charset charset = Charset::kNumeric;
  int min_length = 0;
  int max_length = 0;
  bool variable = false;  // "..": any length from 1 (0 when optional) to max_length
  Check check = Check::kNone;
};

// An Application Identifier with its format, written for shelfnode from the GS1 General
// Specifications' AI table as the GS1 Barcode Syntax Dictionary lists it (src/scan/README.md
// names the release). Every AI there is here: shelfnode parses and validates all of them,
// though it acts only on (01), (02), (30) and (37). Anything outside the table is refused: in
// unbracketed data an unknown AI has an unknown length, so nothing after it could be read.
struct AiDefinition {
  using Charset = AiComponent::Charset;
  std::string ai;          // "01", "10", "3103", ...
  std::string_view title;  // the dictionary's short name, e.g. "BATCH/LOT"
  std::array<AiComponent, 5> parts{};
  int part_count = 0;
  // Numeric when every part is; else the first non-numeric part's set (for messages).
  Charset charset = Charset::kNumeric;
  int min_length = 0;
  int max_length = 0;
  // True when the first two digits are in the GS1 table of predefined lengths (00-04, 11-20,
  // 31-36, 41), so no GS separator follows the value in unbracketed data.
  bool predefined_length = false;
  int decimals = -1;  // implied decimal places (31nn-36nn, 390n-395n); -1 when not a measure
};

// The definition whose AI is exactly `ai`, or nullptr.
const AiDefinition* find_ai(std::string_view ai);

// The definition whose AI starts `data` (AIs are prefix-free, so at most one does), or nullptr.
const AiDefinition* match_ai_prefix(std::string_view data);

// Every AI in the table, in AI order (for tests and the fuzzer).
const AiDefinition* ai_table_begin();
const AiDefinition* ai_table_end();

// What messages say shelfnode reads ("shelfnode reads ..."): the whole GS1 AI table.
std::string_view supported_ai_list();

}  // namespace shelfnode::scan
