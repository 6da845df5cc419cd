#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shelfnode/core/result.h"

namespace shelfnode::pull {

// The variant ID Wix gives the one variant of a V1 product without managed variants [R20].
inline constexpr const char* kZeroVariantId = "00000000-0000-0000-0000-000000000000";

// One Wix variant as the catalog cache stores it. A variant whose SKU cannot be used has
// `sku_problem` set: it is listed in the report and never becomes a catalog item.
struct VariantRow {
  std::string product_id;
  std::string variant_id;
  std::string sku;              // as Wix has it
  std::string name;             // product name, with the variant's choices: "Rain jacket (S)"
  std::string barcode;          // V3 only (V1 has no barcode field)
  std::optional<bool> tracked;  // quantity tracking; V3 variants do not say (see items)
  std::string sku_problem;      // why the SKU is unusable ("" = usable)
};

// One page of products (V1) or read-only variants (V3), mapped.
struct CatalogPage {
  std::vector<VariantRow> variants;
  std::size_t records = 0;            // products (V1) or variants (V3) the page held
  std::string max_updated;            // latest product update on the page, normalised; "" = none
  std::string last_numeric_id;        // V1: the crawl position after this page (decimal digits)
  std::optional<std::int64_t> total;  // V1: totalResults, what matched the page's filter
  std::string next_cursor;            // V3: "" when this was the last page
};

// One inventory item at the default location (V3): the only place V3 says whether a
// variant's quantity is tracked [R27].
struct ItemTracking {
  std::string product_id;
  std::string variant_id;
  bool tracked = false;
};

struct ItemsPage {
  std::vector<ItemTracking> items;
  std::size_t records = 0;
  std::string max_updated;
  std::string next_cursor;
};

// POST /stores/v1/products/query with includeVariants [R15]. A product without managed
// variants is one row with the all-zero variant ID and the product-level SKU; otherwise
// each variant carries its own SKU and stock.trackQuantity. numericId may be a string or
// a number [R20][R21]. A body that is not a products page is kBadData; one that is not
// JSON at all (cut short) is kUnavailable. Pages are read item by item, never as one tree.
Result<CatalogPage> parse_v1_products(std::string_view text);

// POST /stores/v3/products/query-variants [R29][SDK:rov3]: one row per variant, barcode
// included, tracking unknown. The next cursor comes from pagingMetadata.
Result<CatalogPage> parse_v3_variants(std::string_view text);

// POST /stores/v3/inventory-items/query [R31]: trackQuantity per (product, variant).
Result<ItemsPage> parse_v3_items(std::string_view text);

// Wix timestamps ("2026-01-05T09:00:00.348Z", any fraction length or a "+hh:mm" offset) in
// one fixed form, so they compare as text; "" when unreadable.
std::string normalise_wix_time(const char* text);

}  // namespace shelfnode::pull
