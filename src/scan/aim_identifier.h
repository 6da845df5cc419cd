#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace shelfnode::scan {

// An AIM symbology identifier (ISO/IEC 15424): ']', a code letter naming the symbology, and a
// modifier. We recognise the form ']' + ASCII letter + digit, which covers every identifier a
// shop scanner sends for the codes we read; modifiers that are letters (e.g. Aztec ]zA) are
// not recognised, and such a scan is plain text including its ']'.
struct AimIdentifier {
  char code;
  char modifier;

  std::string text() const { return std::string{']', code, modifier}; }
};

// What the data after the identifier is, and so how interpret() reads it:
//   ]C1 GS1-128, ]d2 GS1 DataMatrix, ]Q3 GS1 QR, ]e0 GS1 DataBar,
//   ]J1 GS1 DotCode                                               -> kGs1ElementString
//   ]E0 EAN-13/UPC-A/UPC-E                                      -> kEanUpc
//   ]E3 EAN/UPC with a 2- or 5-digit add-on in one message        -> kEanUpcWithAddOn
//   ]E4 EAN-8                                                     -> kEan8
//   anything else (]C0, ]Q1, ]d1, ]A0, ]I0, ]E1, ...)            -> kOther: the rest is read
//     exactly like a scan without an identifier (a ]Q1 QR code may hold a Digital Link URI).
enum class AimContent {
  kGs1ElementString,
  kEanUpc,
  kEanUpcWithAddOn,
  kEan8,
  kOther,
};

// The identifier at the start of `scan`, if there is one.
std::optional<AimIdentifier> read_aim_identifier(std::string_view scan);

AimContent aim_content(AimIdentifier id);

}  // namespace shelfnode::scan
