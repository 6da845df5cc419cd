#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "shelfnode/core/json.h"
#include "shelfnode/core/result.h"
#include "shelfnode/store/database.h"

namespace shelfnode::pull {

// One Wix variant named in the report.
struct ReportVariant {
  std::string sku;
  std::string name;
  std::string product_id;
  std::string variant_id;
  std::string reason;  // without_sku only: why the SKU cannot be used
};

struct DuplicateSku {
  std::string sku;
  std::vector<ReportVariant> variants;
};

// What in the Wix catalog keeps SKUs from being counted and pushed, as the cache holds it
// after the last pull. Counts are always complete; lists hold up to the limit asked for.
struct CatalogReport {
  std::int64_t duplicate_skus = 0;     // SKUs on more than one Wix variant
  std::int64_t without_sku = 0;        // variants with no usable SKU (not in the cache)
  std::int64_t untracked = 0;          // variants whose quantity Wix does not track
  std::int64_t no_inventory_item = 0;  // V3: no inventory item at the default location
  std::vector<DuplicateSku> duplicates;
  std::vector<ReportVariant> unmapped;
  std::vector<ReportVariant> untracked_variants;
  std::vector<ReportVariant> without_item;

  bool clean() const {
    return duplicate_skus == 0 && without_sku == 0 && untracked == 0 && no_inventory_item == 0;
  }
};

// `max_listed` bounds each list (0 = everything).
Result<CatalogReport> read_report(store::Database& db, std::size_t max_listed);

// What `status` shows about the catalog pull. Like read_report, it reads with bounded memory
// (the counts scan the catalog).
struct PullStatus {
  std::string catalog_version;  // "" = not known yet
  std::string pulled_at;        // last complete pull; "" = never
  std::string full_pulled_at;
  std::string last_mode;     // "full" / "incremental"
  bool interrupted = false;  // a pull started and did not finish
  std::int64_t wix_variants = 0;
  std::int64_t catalog_skus = 0;  // distinct SKUs in the cache, imported ones included
};

Result<PullStatus> read_pull_status(store::Database& db);

// {"counts": {...}, "duplicate_skus": [...], "without_sku": [...], "untracked": [...],
//  "no_inventory_item": [...]}: the machine-readable report.
JsonPtr report_json(const CatalogReport& report);

// The next step for the owner, in one sentence; "" when the report is clean.
std::string report_hint(const CatalogReport& report);

// "1 SKU on several variants, 1 variant without SKU, ...": the non-zero counts.
std::string report_counts_text(const CatalogReport& report);

}  // namespace shelfnode::pull
