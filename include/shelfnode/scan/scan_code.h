#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "shelfnode/core/result.h"

namespace shelfnode::scan {

// One GS1 element: an Application Identifier and its value as transmitted.
struct Gs1Element {
  std::string ai;     // "01", "10", "3103", ...
  std::string value;  // digits or characters after the AI, separators removed
};

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
};

// Interprets raw scanner/keyboard input (one scan, without the line terminator).
// Errors (Code::kBadData) say what was wrong and what to do, e.g. a GTIN whose check digit is
// wrong names the expected digit. Bad data never silently becomes another product.
Result<ScanCode> interpret(std::string_view raw);

}  // namespace shelfnode::scan
