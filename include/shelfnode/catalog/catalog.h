#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "shelfnode/core/clock.h"
#include "shelfnode/core/result.h"
#include "shelfnode/scan/scan_code.h"
#include "shelfnode/store/database.h"

namespace shelfnode::catalog {

// Wix allows SKUs of up to 40 characters (API.md §3.2).
constexpr std::size_t kMaxSkuLength = 40;
constexpr std::size_t kMaxNameLength = 200;

// A SKU as it must look before it is stored: 1–40 bytes of valid UTF-8 without control
// characters (C0, DEL, C1) and without whitespace (a SKU is one field of the scan reply
// `OK <uuid> <sku> <qty>`). Applied at CSV import, to Wix SKUs at pull, and to lookups.
Status validate_sku(std::string_view sku);

// A product name as it must look before it is imported: 1–200 bytes of valid UTF-8 without
// control characters. (Names from Wix are stored as Wix has them and escaped when shown.)
Status validate_name(std::string_view name);

struct ImportReport {
  std::int64_t added = 0;
  std::int64_t updated = 0;
};

// Imports `sku,name,barcode` rows (header required; barcode column optional) all or nothing:
// every bad row is reported by line number and then nothing is written. `csv_text` is the
// whole file.
Result<ImportReport> import_csv(store::Database& db, std::string_view csv_text, const Clock& clock);

// What a code resolved to.
struct Match {
  std::string sku;
  std::string name;        // Wix's when Wix has it; of two Wix rows the one added last (as `stock`)
  std::string matched_by;  // "sku", "gtin", "alias"
  // Wix variants that carry this SKU. Above 1 the SKU is booked here as usual (the shelf is
  // the truth) but the sync engine parks it: it cannot tell which variant to push to.
  std::int64_t wix_variants = 0;
  bool duplicated_in_wix() const { return wix_variants > 1; }
};

// What a clerk or owner is told when a SKU is booked that cannot reach Wix ("" otherwise).
std::string not_pushed_reason(const Match& match);

// Lookup order: the code as an exact SKU, then each GTIN-14 reading of it against SKUs and
// barcodes, then aliases. A code that could mean two SKUs is refused (kBadData), never
// guessed. Unknown → kNotFound with what to do.
Result<Match> find(store::Database& db, const scan::ScanCode& code);

// Interprets raw input and looks it up. Errors name the code and the next step.
Result<Match> find(store::Database& db, std::string_view raw);

// Adds (or repoints) an alias: a code printed on shelf labels or supplier cartons that
// should mean `sku`. The SKU must be in the catalog.
Status add_alias(store::Database& db, std::string_view code, std::string_view sku,
                 const Clock& clock);

// Distinct SKUs in the cache.
Result<std::int64_t> catalog_size(store::Database& db);

}  // namespace shelfnode::catalog
