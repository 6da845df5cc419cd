#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "shelfnode/sync/inventory_api.h"
#include "shelfnode/sync/outbox.h"

namespace shelfnode::sync {

// A SKU the device manages (a stock row in a mapped warehouse) and what Wix should show.
struct ManagedSku {
  std::string sku;
  std::int64_t target = 0;
};

// One origin-'wix' catalog_items row: where a SKU lives in Wix.
struct CatalogVariant {
  WixVariant variant;
  std::optional<bool> tracked;  // catalog_items.track_quantity; unknown = trust the read
  std::string updated_at;
};

// Every origin-'wix' row per SKU. A SKU with two rows is on two Wix variants.
using CatalogMap = std::map<std::string, std::vector<CatalogVariant>>;

struct PlanInput {
  std::vector<ManagedSku> managed;
  OutboxRows rows;
  CatalogMap catalog;
  std::size_t max_entries = 300;  // InventoryApi::max_delta_entries()
  bool retry_parked = false;      // lift every park Wix caused (`sync --retry-parked`)
};

struct ParkedSku {
  std::string sku;
  std::string reason;
  ParkedBy by = ParkedBy::kCatalog;
  bool is_new = false;  // parked by this plan (the row must be written)
  std::int64_t target = 0;
};

// A SKU whose `confirmed` must come from Wix before anything is sent.
struct ReadNeed {
  std::string sku;
  WixVariant variant;
  std::string why;
  bool in_doubt = false;    // a write may have landed, or Wix refused one: settle it
  std::int64_t target = 0;  // what Wix should show (a park records it)
};

// One entry of an increment or decrement call. `amount` = |target − confirmed|, capped at
// Wix's per-entry bound (the rest goes in a later round).
struct PlannedEntry {
  std::string sku;
  WixVariant variant;
  std::string inventory_item_id;
  std::string revision;
  std::int64_t confirmed = 0;
  std::int64_t target = 0;
  std::int64_t amount = 0;
};

using Call = std::vector<PlannedEntry>;

struct Plan {
  std::vector<ParkedSku> parked;    // every managed SKU that stays or becomes parked
  std::vector<std::string> unpark;  // parks whose cause may have gone
  std::vector<std::string> forget;  // rows that no longer describe Wix
  std::vector<ReadNeed> reads;
  std::vector<std::string> converged;
  std::vector<Call> increments;  // ⌈n/max_entries⌉ calls
  std::vector<Call> decrements;
};

// The parking reasons the owner sees (src/sync/README.md "Which SKUs take part").
extern const char* const kNotInCatalog;
extern const char* const kNotTracked;
extern const char* const kNoInventoryItem;
std::string on_many_variants(std::size_t count);

// Pure: what one round should do for each managed SKU. Unmanaged SKUs never appear in a
// plan's reads or calls (their rows are only forgotten), so Wix is left as it is for them.
Plan plan_round(const PlanInput& input);

// Splits entries into calls of at most `max_entries` (at least one per call).
std::vector<Call> split_calls(std::vector<PlannedEntry> entries, std::size_t max_entries);

}  // namespace shelfnode::sync
