#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "shelfnode/core/result.h"
#include "shelfnode/store/database.h"
#include "shelfnode/store/meta.h"

namespace shelfnode::pull {

// meta keys (all under `catalog.`; `connect` clears them when the site changes).
inline constexpr const char* kPendingKey = "catalog.pending";
inline constexpr const char* kPulledAtKey = "catalog.pulled_at";
inline constexpr const char* kFullPulledAtKey = "catalog.full_pulled_at";
inline constexpr const char* kLastModeKey = "catalog.last_mode";
inline constexpr const char* kV1SinceKey = "catalog.v1_last_updated";
inline constexpr const char* kV3SinceKey = "catalog.v3_updated_since";
inline constexpr const char* kV3ItemsSinceKey = "catalog.v3_items_updated_since";
// Written by `connect`; the pull fills them in when they are missing.
inline constexpr const char* kCatalogVersionKey = "wix.catalog_version";
inline constexpr const char* kDefaultLocationKey = "wix.default_location_id";

// A pull under way. It is stored when the pull starts and again with every page, in that
// page's transaction, so a pull cut short (network, kill -9) resumes where its last
// committed page left it instead of starting over.
struct PendingPull {
  bool full = false;
  std::int64_t generation = 0;    // the pull's start in ms: marks every row it sees
  std::string since;              // incremental: products updated at or after this
  std::string items_since;        // V3 incremental: inventory items likewise
  std::string max_updated;        // latest product update seen so far
  std::string items_max_updated;  // V3: latest inventory item update seen so far
  std::string v1_after;           // V1: numericId of the last product committed
  bool v3_items_phase = false;    // V3: the variants are done, the items are next
};

Result<std::optional<PendingPull>> load_pending(store::Database& db);
Status save_pending(store::Database& db, const PendingPull& pending);

// The mark an incremental pull starts from next time: never later than the pull's start
// less `margin_ms` (a product edited during the crawl, behind the crawl position, must be
// fetched again), never later than the latest update seen, never earlier than `previous`.
std::string next_since(const std::string& previous, const std::string& max_seen,
                       std::int64_t started_ms, std::int64_t margin_ms);

}  // namespace shelfnode::pull
