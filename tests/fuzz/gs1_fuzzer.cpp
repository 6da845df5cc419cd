// The barcode sub-parsers one by one, on the same bytes: bracketed and raw GS1 element
// strings, GS1 Digital Link, percent-decoding, GTIN normalisation and UPC-E expansion.
// Invariants: every element a parser returns is in the AI table and valid by its rules; an
// element list survives being written in the other form and read back (bracketed <-> raw);
// a normalised GTIN is a valid GTIN-14 ending in the digits given; percent_decode undoes
// percent-encoding; every refusal explains itself.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_check.h"
#include "scan/digital_link.h"
#include "scan/gs1_ai_table.h"
#include "scan/gs1_ai_value.h"
#include "scan/gs1_element_string.h"
#include "scan/upce.h"
#include "shelfnode/scan/gtin.h"

namespace shelfnode::fuzz {
namespace {

using scan::Gs1Element;

void check_elements(const std::vector<Gs1Element>& elements) {
  for (const Gs1Element& e : elements) {
    const scan::AiDefinition* def = scan::find_ai(e.ai);
    FUZZ_CHECK(def != nullptr);
    FUZZ_CHECK(scan::check_ai_value(*def, e.value).ok());
    if (e.ai == "01" || e.ai == "02") FUZZ_CHECK(is_valid_gtin14(e.value));
  }
}

std::string bracketed(const std::vector<Gs1Element>& elements) {
  std::string out;
  for (const Gs1Element& e : elements) {
    out += "(" + e.ai + ")";
    for (char c : e.value) {
      if (c == '(') out += '\\';
      out += c;
    }
  }
  return out;
}

std::string raw(const std::vector<Gs1Element>& elements) {
  std::string out;
  for (std::size_t i = 0; i < elements.size(); ++i) {
    out += elements[i].ai + elements[i].value;
    const bool last = i + 1 == elements.size();
    if (!last && !scan::find_ai(elements[i].ai)->predefined_length) out += scan::kGroupSeparator;
  }
  return out;
}

void check_round_trip(const std::vector<Gs1Element>& elements) {
  check_elements(elements);
  if (elements.empty()) return;
  Result<std::vector<Gs1Element>> from_bracketed = scan::parse_bracketed(bracketed(elements));
  FUZZ_CHECK(from_bracketed.ok() && *from_bracketed == elements);
  Result<std::vector<Gs1Element>> from_raw = scan::parse_raw(raw(elements));
  FUZZ_CHECK(from_raw.ok() && *from_raw == elements);
}

void check_gtin(std::string_view text) {
  Result<std::string> g = scan::normalise_gtin(text);
  if (!g.ok()) {
    FUZZ_CHECK_MESSAGE(g.status());
    return;
  }
  FUZZ_CHECK(text.size() == 8 || text.size() == 12 || text.size() == 13 || text.size() == 14);
  FUZZ_CHECK(is_valid_gtin14(*g));
  FUZZ_CHECK(g->compare(14 - text.size(), text.size(), text) == 0);
  FUZZ_CHECK(g->find_first_not_of('0') >= 14 - text.size());
  FUZZ_CHECK(scan::gtin_check_digit(text.substr(0, text.size() - 1)) == text.back() - '0');
}

void check_upce(std::string_view text) {
  const scan::UpceReading reading = scan::read_upce(text);
  Result<std::string> upca = scan::expand_upce(text);
  FUZZ_CHECK(upca.ok() == (reading.verdict == scan::UpceReading::Verdict::kValid));
  if (!upca.ok()) {
    FUZZ_CHECK_MESSAGE(upca.status());
    return;
  }
  FUZZ_CHECK(*upca == reading.upca_text());
  FUZZ_CHECK(upca->size() == 12 && is_valid_gtin14("00" + *upca));
  // UPC-E keeps the number system and the check digit of the UPC-A it stands for.
  FUZZ_CHECK((*upca)[0] == text[0] && upca->back() == text.back());
}

void check_percent(std::string_view text) {
  Result<std::string> decoded = scan::percent_decode(text);
  if (!decoded.ok()) {
    FUZZ_CHECK(text.find('%') != std::string_view::npos);
    FUZZ_CHECK_MESSAGE(decoded.status());
    return;
  }
  FUZZ_CHECK(decoded->size() <= text.size());
  if (text.find('%') == std::string_view::npos) FUZZ_CHECK(*decoded == text);
  std::string encoded;
  for (unsigned char c : *decoded) {
    static const char kHex[] = "0123456789abcdef";
    encoded += {'%', kHex[c >> 4], kHex[c & 15]};
  }
  Result<std::string> again = scan::percent_decode(encoded);
  FUZZ_CHECK(again.ok() && *again == *decoded);
}

}  // namespace
}  // namespace shelfnode::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace shelfnode;
  using namespace shelfnode::fuzz;
  const std::string_view text = as_text(data, size);

  Result<std::vector<scan::Gs1Element>> b = scan::parse_bracketed(text);
  if (b.ok()) {
    FUZZ_CHECK(!b->empty() && text[0] == '(');
    check_round_trip(*b);
  } else {
    FUZZ_CHECK_MESSAGE(b.status());
  }
  Result<std::vector<scan::Gs1Element>> r = scan::parse_raw(text);
  if (r.ok()) {
    FUZZ_CHECK(!r->empty());
    check_round_trip(*r);
  } else {
    FUZZ_CHECK_MESSAGE(r.status());
  }
  Result<std::vector<scan::Gs1Element>> link = scan::parse_digital_link(text);
  if (link.ok()) {
    FUZZ_CHECK(scan::is_web_address(text));
    FUZZ_CHECK(!link->empty() && (*link)[0].ai == "01");
    check_elements(*link);
  } else {
    FUZZ_CHECK_MESSAGE(link.status());
  }
  check_percent(text);
  check_gtin(text);
  check_upce(text);
  return 0;
}
