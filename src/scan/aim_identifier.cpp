#include "scan/aim_identifier.h"

namespace shelfnode::scan {

std::optional<AimIdentifier> read_aim_identifier(std::string_view scan) {
  if (scan.size() < 3 || scan[0] != ']') return std::nullopt;
  const char code = scan[1];
  const char modifier = scan[2];
  const bool letter = (code >= 'A' && code <= 'Z') || (code >= 'a' && code <= 'z');
  if (!letter || modifier < '0' || modifier > '9') return std::nullopt;
  return AimIdentifier{code, modifier};
}

AimContent aim_content(AimIdentifier id) {
  // Only the modifiers that say "FNC1 in first position" mean GS1 data; the same symbology
  // with another modifier (]C0, ]d1, ]Q1) carries ordinary text.
  // ]J1 is GS1 DotCode (ISO/IEC 15424 and the GS1 General Specifications' table of symbology
  // identifiers), which carries the same element strings.
  const std::string_view gs1_ids[] = {"C1", "d2", "Q3", "e0", "J1"};
  const char pair[2] = {id.code, id.modifier};
  const std::string_view key(pair, 2);
  for (std::string_view gs1 : gs1_ids) {
    if (key == gs1) return AimContent::kGs1ElementString;
  }
  if (key == "E0") return AimContent::kEanUpc;
  if (key == "E3") return AimContent::kEanUpcWithAddOn;
  if (key == "E4") return AimContent::kEan8;
  return AimContent::kOther;
}

}  // namespace shelfnode::scan
