#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "shelfnode/core/result.h"

namespace shelfnode::scan {

// One GS1 element: an Application Identifier and its value as transmitted (percent-decoding
// undone for a Digital Link, whose (01) is stored as the GTIN-14 it normalises to).
struct Gs1Element {
  std::string ai;     // "01", "10", "3103", ...
  std::string value;  // digits or characters after the AI, separators removed
};

inline bool operator==(const Gs1Element& a, const Gs1Element& b) {
  return a.ai == b.ai && a.value == b.value;
}
inline bool operator!=(const Gs1Element& a, const Gs1Element& b) {
  return !(a == b);
}

// What a scanned or typed code means. The parser decides *what the symbols say*; it never
// looks anything up. The catalog lookup then tries, in order, `text` as an exact SKU, each of
// `gtin14_candidates`, and `text` as an alias.
struct ScanCode {
  enum class Kind {
    kPlain,  // not a barcode number we understand: a SKU or free code
    kGtin,   // a bare GTIN-8/12/13/14 or UPC-E number with a valid check digit
    kGs1,    // a GS1 element string (bracketed, AIM + GS raw, or Digital Link)
  };
  Kind kind = Kind::kPlain;
  std::string text;  // the code as scanned, trimmed, AIM prefix removed
  // Every GTIN-14 this code may stand for, most likely first. Usually one; an 8-digit number
  // that is both a valid EAN-8 and a valid UPC-E yields two, and lookup refuses to pick if
  // they name different products.
  std::vector<std::string> gtin14_candidates;
  std::vector<Gs1Element> elements;  // kGs1 only, in the order transmitted
  // Units this one scan stands for: AI (30) or (37) when present, else 1.
  std::int64_t quantity = 1;
  // Why the code yields no GTIN candidate although it looks like it should, e.g. "check digit
  // of 4006381333932 should be 1, not 2" for a bare number that may still be a numeric SKU, or
  // a GS1 label without (01)/(02). Empty otherwise. The lookup shows it when `text` is not a
  // known SKU or alias either.
  std::string gtin_problem;
};

// Interprets raw scanner/keyboard input (one scan, without the line terminator).
// Errors (Code::kBadData) say what was wrong and what to do, e.g. a GTIN whose check digit is
// wrong names the expected digit. Bad data never silently becomes another product.
//
// Surrounding spaces, tabs, CR and LF are trimmed (GS is not). Then, first match wins:
//   ]C1 ]d2 ]Q3 ]e0 ]J1 + data -> kGs1 from unbracketed AI data with GS separators
//   ]E0 / ]E4 / ]E3 + digits -> kGtin (EAN-13/UPC-A or UPC-E / EAN-8 / EAN with add-on); a
//                              wrong length or check digit is an error
//   other ]<letter><digit>   -> identifier stripped, the rest read by the rules below
//   leading GS (FNC1 sent as a character) -> kGs1 as for ]C1
//   any other control character -> error naming it
//   "(NN)..." with a 2-4 digit AI -> kGs1 from the bracketed form
//   http(s) URL with /01/ or /gtin/ then 8+ digits -> kGs1 from the GS1 Digital Link
//   8, 12, 13 or 14 digits   -> kGtin when a check digit holds (8 digits: EAN-8 and UPC-E
//                              readings), else kPlain with `gtin_problem`: it may be a SKU
//   anything else            -> kPlain
Result<ScanCode> interpret(std::string_view raw);

// True when interpret() reads `line` as GS1 data: a GS1 symbology identifier (]C1 ]d2 ]Q3 ]e0
// ]J1), a leading GS, the bracketed form, or a GS1 Digital Link (also behind an identifier
// such as ]Q1). '*' is a legal character in AI values (character set 82) and in URIs, so a
// till's `CODE*QTY` suffix must never be split off such a line: the GS1 Syntax Engine reads
// (10)AB*5 as lot "AB*5" and quantity 1, and so must shelfnode.
bool carries_gs1_data(std::string_view line);

}  // namespace shelfnode::scan
