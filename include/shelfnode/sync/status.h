#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "shelfnode/core/result.h"
#include "shelfnode/store/database.h"
#include "shelfnode/sync/engine.h"
#include "shelfnode/sync/outbox.h"

namespace shelfnode::sync {

// Where sync stands, from the database alone (no call to Wix), for `status`.
struct SyncStatus {
  int managed = 0;      // SKUs with stock in a mapped warehouse
  int queue_depth = 0;  // managed SKUs not converged (parked ones included)
  // When the oldest movement not yet reflected in Wix was made ("" when none is pending).
  std::string oldest_pending_change;
  std::vector<SkuNote> parked;   // with the reason the owner can act on
  std::vector<SkuNote> pending;  // not parked, not converged, with why
  int uncertain = 0;             // in doubt or left in flight: read back next round
  std::string last_round_at;     // "" = never
  std::string last_success_at;   // every managed SKU matched Wix
  std::string last_complete_at;  // all but the parked ones did (src/sync/round_meta.h)
  std::string last_reconcile_at;
  std::int64_t drift_found = 0;  // running totals over every reconciliation
  std::int64_t drift_repaired = 0;
};

Result<SyncStatus> sync_status(store::Database& db);

// One word for a SKU's place between the device and Wix, for `stock`: "unmanaged",
// "parked", "checking" (in doubt or in flight), "in_sync", or "pending".
const char* sync_state(bool managed, std::int64_t target, const OutboxRow* row);

}  // namespace shelfnode::sync
