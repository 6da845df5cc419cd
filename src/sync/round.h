#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "shelfnode/sync/engine.h"
#include "shelfnode/sync/outbox.h"
#include "shelfnode/sync/planner.h"

namespace shelfnode::sync {

// The steps a problem is reported under (RoundReport::problems).
inline constexpr const char* kStepOrders = "orders pull";
inline constexpr const char* kStepRead = "stock read";
inline constexpr const char* kStepPush = "push";
inline constexpr const char* kStepReconcile = "reconciliation";

// What one run() shares between its steps (engine.cpp, round_read.cpp, push.cpp,
// settle.cpp, reconcile.cpp, round_finish.cpp).
struct Round {
  Round(store::Database& d, InventoryApi& a, const Clock& c, const std::function<Status()>& pull,
        const RoundOptions& o, RoundReport& r)
      : db(d), api(a), clock(c), pull_orders(pull), options(o), report(r), outbox(d, c) {}

  store::Database& db;
  InventoryApi& api;
  const Clock& clock;
  const std::function<Status()>& pull_orders;
  const RoundOptions& options;
  RoundReport& report;
  Outbox outbox;

  CatalogMap catalog;
  std::map<std::string, std::int64_t> targets;  // every managed SKU
  std::set<std::string> refused;                // decrements Wix refused this round
  std::set<std::string> by_set;                 // fix with a revision-guarded absolute set
  std::set<std::string> drifted;                // found by reconciliation this round
  bool stopped = false;                         // no more calls to Wix this round
  bool orders_fresh = false;  // nothing was read from or written to Wix since the last pull

  // Records the problem of `step` and makes no more calls to Wix this round.
  void stop(const char* step, const Status& why);
  // A read that failed: offline, rate limit and credentials stop the round; anything else
  // leaves those SKUs pending and the rest of the round goes on.
  void read_failed(const char* step, const Status& why);
  Status refresh_targets();
  Result<Plan> plan();
  // pull_orders(), then checks every open read against what it brought (Outbox::check_reads).
  Status pull();
};

// Writes what a plan decided about rows (forgotten, unparked, newly parked).
Status record_plan(Round& r, const Plan& plan);

// Reads `needs` from Wix in one batched read and records what Wix holds (or parks the SKU:
// no inventory item, not tracked). A SKU in doubt that was read is settled by the next fix.
Status read_skus(Round& r, const std::vector<ReadNeed>& needs);

enum class WriteKind { kIncrement, kDecrement, kSet };

// Sends the calls one after another, each with its in-flight mark committed first, and
// records every entry's outcome (src/sync/README.md step 4).
Status push_calls(Round& r, WriteKind kind, std::vector<Call> calls);

// Plans again and pushes what is plannable: a revision-guarded set for SKUs in `by_set`
// whose read carried a revision, increments and decrements for the rest. Returns how many
// entries were sent.
Result<int> fix(Round& r);

// Step 5: read back what is in doubt (after an orders pull) and fix it, a few passes.
Status settle(Round& r);

bool reconcile_due(Round& r);
// Step 6: every quantity in Wix against `confirmed`; a drift is fixed by the settle step.
Status reconcile(Round& r);

// Convergence, pending reasons, synced_seq and the meta keys.
Status finish_round(Round& r);

}  // namespace shelfnode::sync
