#pragma once

#include <cstddef>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "shelfnode/sync/engine.h"
#include "shelfnode/sync/outbox.h"
#include "shelfnode/sync/planner.h"
#include "sync/slices.h"

namespace shelfnode::sync {

// The steps a problem is reported under (RoundReport::problems).
inline constexpr const char* kStepOrders = "orders pull";
inline constexpr const char* kStepRead = "stock read";
inline constexpr const char* kStepPush = "push";
inline constexpr const char* kStepReconcile = "reconciliation";

// Variants per batched read: V3 reads up to 1000 per query, V1 100 per query, so a batch of
// 1000 costs no query more than reading them all at once.
inline constexpr std::size_t kReadBatch = 1000;
// V3 bulk update takes up to 1000 entries per call [SDK:inv3].
inline constexpr std::size_t kMaxSetEntries = 1000;

// What one run() shares between its steps (engine.cpp, round_read.cpp, push.cpp,
// settle.cpp, reconcile.cpp, round_finish.cpp). It holds no per-SKU state of the whole
// round beyond the few SKUs in the sets below: SKUs are walked in slices (for_each_slice).
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

  std::set<std::string> refused;  // decrements Wix refused this round
  std::set<std::string> by_set;   // fix with a revision-guarded absolute set
  std::set<std::string> drifted;  // found by reconciliation this round
  bool stopped = false;           // no more calls to Wix this round
  bool orders_fresh = false;      // nothing was read from or written to Wix since the last pull

  // Records the problem of `step` and makes no more calls to Wix this round.
  void stop(const char* step, const Status& why);
  // A read that failed: offline, rate limit and credentials stop the round; anything else
  // leaves those SKUs pending and the rest of the round goes on.
  void read_failed(const char* step, const Status& why);
  // pull_orders(), then checks every open read against what it brought (Outbox::check_reads).
  Status pull();
  // Counts a batch waiting for a call in RoundReport::largest_batch.
  void held(std::size_t entries);
};

// Calls `visit` with each slice of the stocked SKUs in key order (SliceReader), stopping
// early when `visit` fails or, with `while_calling`, when the round stops calling Wix.
Status for_each_slice(Round& r, bool while_calling, const std::function<Status(Slice&)>& visit);

// The plan for one slice (the slice is used up).
Plan plan_slice(const Round& r, Slice&& slice);

// Writes what a plan decided about rows (forgotten, unparked, newly parked).
Status record_plan(Round& r, const Plan& plan);

// Reads `needs` from Wix in one batched read and records what Wix holds (or parks the SKU:
// no inventory item, not tracked). A SKU in doubt that was read is settled by the next fix.
Status read_skus(Round& r, const std::vector<ReadNeed>& needs);

// Read needs gathered across slices, read kReadBatch at a time.
class ReadBatch {
 public:
  explicit ReadBatch(Round& r) : r_(r) {}
  Status add(ReadNeed need);
  Status flush();

 private:
  Round& r_;
  std::vector<ReadNeed> needs_;
};

// Steps 2 and 3 over every slice: plan, record the plan, read what is unknown or in doubt.
Status plan_and_read(Round& r);

enum class WriteKind { kIncrement, kDecrement, kSet };

// Sends the calls one after another, each with its in-flight mark committed first, and
// records every entry's outcome (src/sync/README.md step 4).
Status push_calls(Round& r, WriteKind kind, std::vector<Call> calls);

// One kind of write gathered across slices: a call goes out as soon as it holds `max`
// entries, the rest at flush(), so slicing adds no call.
class CallBatch {
 public:
  CallBatch(Round& r, WriteKind kind, std::size_t max) : r_(r), kind_(kind), max_(max) {}
  Status add(PlannedEntry entry);
  Status flush();
  int added() const { return added_; }

 private:
  Round& r_;
  WriteKind kind_;
  std::size_t max_;
  Call call_;
  int added_ = 0;
};

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
