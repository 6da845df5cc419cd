#include "shelfnode/sync/engine.h"

#include <utility>

#include "shelfnode/store/bounded_memory.h"
#include "sync/round.h"

namespace shelfnode::sync {

Engine::Engine(store::Database& db, InventoryApi& api, const Clock& clock,
               std::function<Status()> pull_orders)
    : db_(db), api_(api), clock_(clock), pull_orders_(std::move(pull_orders)) {}

Result<RoundReport> Engine::run(const RoundOptions& options) {
  // A round reads every managed SKU's catalog row, outbox row and stock: through mmap those
  // pages would stay resident, and the round's memory would grow with the database.
  store::BoundedMemory bounded(db_);
  RoundReport report;
  Round r(db_, api_, clock_, pull_orders_, options, report);
  r.orders_fresh = options.orders_pulled;
  if (options.orders_pulled) {
    // The caller's pull came after every read of earlier rounds: check them now.
    Result<int> doubts = r.outbox.check_reads();
    if (!doubts.ok()) return doubts.status();
  }
  // Step 2: plan; step 3: read what is unknown or in doubt; step 4: push (planned again
  // from what the reads learnt). Each walks the SKUs a slice at a time.
  SHELFNODE_RETURN_IF_ERROR(plan_and_read(r));
  Result<int> pushed = fix(r);
  if (!pushed.ok()) return pushed.status();

  // Step 6 before step 5, so a drift found is repaired in this round.
  if (!r.stopped && reconcile_due(r)) SHELFNODE_RETURN_IF_ERROR(reconcile(r));
  SHELFNODE_RETURN_IF_ERROR(settle(r));
  SHELFNODE_RETURN_IF_ERROR(finish_round(r));
  return report;
}

}  // namespace shelfnode::sync
