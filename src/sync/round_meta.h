#pragma once

#include <cstdint>
#include <string>

#include "shelfnode/core/result.h"
#include "shelfnode/store/database.h"

namespace shelfnode::sync {

// The sync engine's keys in the `meta` table (src/sync/README.md "State").
inline constexpr const char* kLastRoundAt = "sync.last_round_at";
inline constexpr const char* kLastSuccessAt = "sync.last_success_at";
// The last round that converged everything that can converge: every managed SKU matches
// Wix but the parked ones, which wait for the owner (equal to kLastSuccessAt when none is).
inline constexpr const char* kLastCompleteAt = "sync.last_complete_at";
inline constexpr const char* kLastReconcileAt = "sync.last_reconcile_at";
inline constexpr const char* kDriftFound = "sync.drift_found";
inline constexpr const char* kDriftRepaired = "sync.drift_repaired";

// The value, "" when the key is not set.
Result<std::string> meta_text(store::Database& db, const std::string& key);
// A running total kept as text; 0 when not set.
Result<std::int64_t> meta_count(store::Database& db, const std::string& key);
// Adds `n` to a running total, in the caller's transaction.
Status add_to_meta(store::Database& db, const std::string& key, std::int64_t n);

}  // namespace shelfnode::sync
