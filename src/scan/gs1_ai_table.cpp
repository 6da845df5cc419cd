#include "scan/gs1_ai_table.h"

#include <array>

namespace shelfnode::scan {
namespace {

using Charset = AiDefinition::Charset;
using Check = AiDefinition::Check;

constexpr AiDefinition fixed_number(std::string_view ai, std::string_view title, int length,
                                    Check check, int decimals = -1) {
  return AiDefinition{ai, title, Charset::kNumeric, length, length, true, check, decimals};
}

constexpr AiDefinition variable(std::string_view ai, std::string_view title, Charset charset,
                                int max_length) {
  return AiDefinition{ai, title, charset, 1, max_length, false, Check::kNone, -1};
}

// Entries and flags follow gs1-syntax-dictionary.txt ("*" = predefined length). The ten
// measure AIs are listed one by one because the fourth digit is the decimal count, and
// 3106-3109 do not exist.
constexpr std::array<AiDefinition, 25> kAiTable = {{
    fixed_number("00", "SSCC", 18, Check::kCheckDigit),
    fixed_number("01", "GTIN", 14, Check::kCheckDigit),
    fixed_number("02", "GTIN of contained items", 14, Check::kCheckDigit),
    variable("10", "batch/lot", Charset::kCset82, 20),
    fixed_number("11", "production date", 6, Check::kDate),
    fixed_number("13", "packaging date", 6, Check::kDate),
    fixed_number("15", "best before date", 6, Check::kDate),
    fixed_number("16", "sell by date", 6, Check::kDate),
    fixed_number("17", "expiry date", 6, Check::kDate),
    fixed_number("20", "variant", 2, Check::kNone),
    variable("21", "serial number", Charset::kCset82, 20),
    variable("30", "variable count", Charset::kNumeric, 8),
    variable("37", "count of trade items", Charset::kNumeric, 8),
    fixed_number("3100", "net weight (kg)", 6, Check::kNone, 0),
    fixed_number("3101", "net weight (kg)", 6, Check::kNone, 1),
    fixed_number("3102", "net weight (kg)", 6, Check::kNone, 2),
    fixed_number("3103", "net weight (kg)", 6, Check::kNone, 3),
    fixed_number("3104", "net weight (kg)", 6, Check::kNone, 4),
    fixed_number("3105", "net weight (kg)", 6, Check::kNone, 5),
    fixed_number("3200", "net weight (lb)", 6, Check::kNone, 0),
    fixed_number("3201", "net weight (lb)", 6, Check::kNone, 1),
    fixed_number("3202", "net weight (lb)", 6, Check::kNone, 2),
    fixed_number("3203", "net weight (lb)", 6, Check::kNone, 3),
    fixed_number("3204", "net weight (lb)", 6, Check::kNone, 4),
    fixed_number("3205", "net weight (lb)", 6, Check::kNone, 5),
}};

}  // namespace

const AiDefinition* find_ai(std::string_view ai) {
  for (const AiDefinition& def : kAiTable) {
    if (def.ai == ai) return &def;
  }
  return nullptr;
}

const AiDefinition* match_ai_prefix(std::string_view data) {
  for (const AiDefinition& def : kAiTable) {
    if (data.substr(0, def.ai.size()) == def.ai) return &def;
  }
  return nullptr;
}

std::string_view supported_ai_list() {
  return "00, 01, 02, 10, 11, 13, 15, 16, 17, 20, 21, 30, 37, 3100-3105, 3200-3205";
}

}  // namespace shelfnode::scan
