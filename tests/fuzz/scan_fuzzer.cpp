// One scan line as a clerk's scanner sends it, through split_quantity and interpret the way
// ScanSession::prepare uses them. Invariants: an accepted scan names only valid GTIN-14s, a
// plain code carries no GS1 data, a count is 1..99999 once the session's range check held,
// surrounding whitespace never changes the meaning, and every refusal explains itself.

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "shelfnode/ledger/ledger.h"
#include "shelfnode/scan/scan_code.h"
#include "shelfnode/session/scan_session.h"

namespace shelfnode::fuzz {
namespace {

using scan::ScanCode;

bool same(const ScanCode& a, const ScanCode& b) {
  return a.kind == b.kind && a.text == b.text && a.gtin14_candidates == b.gtin14_candidates &&
         a.elements == b.elements && a.quantity == b.quantity && a.gtin_problem == b.gtin_problem;
}

bool has_element(const ScanCode& code, std::string_view ai) {
  for (const scan::Gs1Element& e : code.elements) {
    if (e.ai == ai) return true;
  }
  return false;
}

void check_code(const ScanCode& code) {
  FUZZ_CHECK(!code.text.empty());
  FUZZ_CHECK(code.quantity >= 1);
  for (const std::string& g : code.gtin14_candidates) FUZZ_CHECK(is_valid_gtin14(g));
  switch (code.kind) {
    case ScanCode::Kind::kPlain:
      FUZZ_CHECK(code.quantity == 1);
      FUZZ_CHECK(code.gtin14_candidates.empty());
      FUZZ_CHECK(code.elements.empty());
      // A plain code is looked up as a SKU: it may not smuggle control characters in.
      FUZZ_CHECK(is_printable_line(code.text));
      break;
    case ScanCode::Kind::kGtin:
      FUZZ_CHECK(!code.gtin14_candidates.empty() && code.gtin14_candidates.size() <= 2);
      FUZZ_CHECK(code.quantity == 1);
      FUZZ_CHECK(code.elements.empty());
      FUZZ_CHECK(code.gtin_problem.empty());
      break;
    case ScanCode::Kind::kGs1:
      FUZZ_CHECK(!code.elements.empty());
      FUZZ_CHECK(code.gtin14_candidates.size() <= 1);
      FUZZ_CHECK(code.gtin14_candidates.empty() != code.gtin_problem.empty());
      if (code.quantity != 1) FUZZ_CHECK(has_element(code, "30") || has_element(code, "37"));
      break;
  }
}

}  // namespace
}  // namespace shelfnode::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace shelfnode;
  using namespace shelfnode::fuzz;
  const std::string_view line = as_text(data, size);

  Result<scan::ScanCode> code = scan::interpret(line);
  if (!code.ok()) {
    FUZZ_CHECK(code.status().code() == Code::kBadData);
    FUZZ_CHECK_MESSAGE(code.status());
  } else {
    check_code(*code);
  }
  // Padding a keyboard wedge or serial scanner adds is trimmed, so it changes nothing.
  Result<scan::ScanCode> padded = scan::interpret(" \t" + std::string(line) + "\r\n");
  FUZZ_CHECK(padded.ok() == code.ok());
  if (code.ok()) FUZZ_CHECK(same(*code, *padded));

  // The session's path: `CODE*QTY`, then interpret, then the range check (prepare()).
  Result<session::QuantifiedCode> q = session::split_quantity(line);
  if (!q.ok()) {
    FUZZ_CHECK(line.find('*') != std::string_view::npos);
    FUZZ_CHECK_MESSAGE(q.status());
    return 0;
  }
  if (q->has_suffix) {
    FUZZ_CHECK(q->quantity >= 1 && q->quantity <= ledger::kMaxQuantity);
    FUZZ_CHECK(line.substr(0, line.rfind('*')) == q->code);
    FUZZ_CHECK(is_digits(line.substr(line.rfind('*') + 1)));
  } else {
    FUZZ_CHECK(q->quantity == 1 && q->code == line);
    // A '*' stays in the code only where it is GS1 data (character set 82, a URI).
    FUZZ_CHECK(line.find('*') == std::string_view::npos || scan::carries_gs1_data(line));
  }
  Result<scan::ScanCode> scanned = scan::interpret(q->code);
  if (!scanned.ok()) return 0;
  check_code(*scanned);
  if (q->has_suffix && scanned->quantity != 1) return 0;  // refused: two counts
  const std::int64_t qty = q->has_suffix ? q->quantity : scanned->quantity;
  if (qty < 1 || qty > ledger::kMaxQuantity) return 0;  // refused by the range check
  // Accepted: a product number that holds, or a plain code to look up, 1..99999 units.
  const bool names_gtins = !scanned->gtin14_candidates.empty();
  FUZZ_CHECK(names_gtins || scanned->kind == scan::ScanCode::Kind::kPlain ||
             !scanned->gtin_problem.empty());
  FUZZ_CHECK(qty >= 1 && qty <= ledger::kMaxQuantity);
  return 0;
}
