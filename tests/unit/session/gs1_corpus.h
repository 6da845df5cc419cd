#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace shelfnode::testing {

// A generated scan and the verdict the GS1 rules give it against the corpus catalog.
struct CorpusCase {
  enum class Verdict {
    kFound,    // names `sku`, `quantity` units
    kUnknown,  // well-formed, but no product in the catalog (or a bare number that is no GTIN)
    kBad,      // the GS1 rules refuse it (check digit, length, charset, date, order, ...)
  };
  std::string input;
  Verdict verdict = Verdict::kBad;
  std::string sku;
  std::int64_t quantity = 1;
  // A *QTY suffix on a plain code is a till feature; `catalog find` takes codes, not scan
  // lines, so such a case is checked through the till only.
  bool till_only = false;
};

// The catalog the corpus is written against, as CSV (sku,name,barcode).
std::string corpus_catalog_csv();

// Every case, generated deterministically from the GS1 rules (check digits, UPC-E expansion,
// AI formats, GS placement, dates, character set 82, Digital Link path order).
std::vector<CorpusCase> generate_gs1_corpus();

}  // namespace shelfnode::testing
