#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "shelfnode/core/clock.h"
#include "shelfnode/core/result.h"
#include "shelfnode/store/database.h"
#include "shelfnode/sync/inventory_api.h"

namespace shelfnode::sync {

struct RoundOptions {
  bool reconcile = false;     // `sync --reconcile`: compare every managed SKU with Wix now
  bool retry_parked = false;  // lift every park Wix caused (the catalog's are re-checked anyway)
  std::int64_t reconcile_interval_ms = 6LL * 60 * 60 * 1000;
  // The caller pulled orders successfully just before run() (the round's first pull), so
  // reads of earlier rounds can be checked against it at once.
  bool orders_pulled = true;
  // Read-backs per round for SKUs in doubt (the first one, then retries, e.g. after a V3
  // revision conflict). What is still in doubt after that waits for the next round.
  int max_settle_passes = 4;
  // SKUs planned at a time. A round walks the managed SKUs in key order, this many at once,
  // and fills its calls across slices, so its memory does not grow with the number of
  // changed SKUs and it makes no more calls than planning them all at once would.
  std::size_t slice_skus = 500;
};

struct CallCounts {
  int read = 0;  // HTTP calls, as counted by InventoryApi::calls()
  int read_all = 0;
  int increment = 0;
  int decrement = 0;
  int set = 0;
  int orders_pulls = 0;  // pull_orders() invocations made by the round itself

  int writes() const { return increment + decrement + set; }
};

struct SkuNote {
  std::string sku;
  std::string text;  // the park reason, or why the SKU is pending
};

// What the round's writes came to, per entry (one SKU's change in one call).
struct PushOutcomes {
  int increments = 0;  // write calls made, by kind; each is one or more HTTP attempts
  int decrements = 0;  // (CallCounts counts those)
  int sets = 0;
  int landed = 0;      // Wix confirmed the change
  int not_sent = 0;    // never reached Wix, or refused before anything was applied (503, 429)
  int unanswered = 0;  // sent without an answer: it may have landed, so it is read back
  int refused = 0;     // Wix answered no (parked, a decrement an online sale beat, the key)

  int calls() const { return increments + decrements + sets; }
  int tried() const { return landed + not_sent + unanswered + refused; }
};

// A step of the round that failed: the orders pull, reading stock, the push or the
// reconciliation (Round::stop and Round::read_failed name them).
struct StepProblem {
  std::string step;
  Status status;
};

struct RoundReport {
  int managed = 0;
  int converged_skus = 0;
  std::vector<SkuNote> parked;
  std::vector<SkuNote> pending;  // managed, not parked, not converged
  PushOutcomes push;
  int skus_read = 0;
  int settled = 0;  // SKUs in doubt that were read back
  int refused = 0;  // decrements Wix refused (an online sale got there first)
  int drift_found = 0;
  int drift_repaired = 0;
  bool reconciled = false;
  CallCounts calls;
  // Why the round stopped calling Wix early (offline, rate limited, 401/403, orders pull
  // failed): the first of `problems`. Its code is the exit status a command should use; OK
  // when nothing went wrong.
  Status problem;
  std::vector<StepProblem> problems;  // every step that failed, in order
  // Every managed SKU: not parked, nothing in doubt or in flight, confirmed == target.
  bool converged = false;
  // What the round held at most: stocked SKUs in one slice (RoundOptions::slice_skus), and
  // entries waiting for one read or write call (Wix's bulk limits bound those).
  std::size_t largest_slice = 0;
  std::size_t largest_batch = 0;
};

// One sync round over the outbox (src/sync/README.md, steps 2-6): plan, read what is unknown
// or in doubt, push the deltas, reconcile when due, settle what is in doubt, and record the
// outcome. `pull_orders` brings online orders into the ledger (and `confirmed`); the round
// calls it before it settles. Local storage failures fail run(); Wix trouble ends the round
// early with RoundReport::problem set and the work left for the next round.
class Engine {
 public:
  Engine(store::Database& db, InventoryApi& api, const Clock& clock,
         std::function<Status()> pull_orders);

  Result<RoundReport> run(const RoundOptions& options = {});

 private:
  store::Database& db_;
  InventoryApi& api_;
  const Clock& clock_;
  std::function<Status()> pull_orders_;
};

}  // namespace shelfnode::sync
