#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include "shelfnode/sync/inventory_api.h"

namespace shelfnode::sync::testing {

// Thrown by the fake to simulate the process dying at that point: every committed
// transaction survives, nothing else does (the test drops the engine and reopens the DB).
struct SimulatedCrash {
  const char* where;
};

enum class WixMode {
  kV1,  // all-or-nothing calls, no revisions, sets unguarded (PATCH per product)
  kV3,  // per-entry outcomes in a 200, revision-guarded sets, inventory item ids
};

// Which calls a fault applies to.
enum class Op { kRead, kReadAll, kIncrement, kDecrement, kSet, kAnyWrite, kAny };

struct Fault {
  enum class Kind {
    kNotSent,           // nothing applied; every entry kNotSent (offline, 429, 503)
    kAppliedUncertain,  // applied, then the answer is lost (timeout after send)
    kLostUncertain,     // not applied, but the client sees a 5xx and cannot know
    kReject,            // the whole call refused with `http`, `code`, `description`
    kRevisionBump,      // another writer touched every item just before (V3 conflicts)
    kCrashBeforeSend,   // the process dies with the in-flight mark committed
    kCrashAfterApply,   // Wix applied it, the process dies waiting for the answer
    kFailNextCommit,    // Wix applied it and answered; the engine's next commit is lost
    kSaleBefore,        // an online sale of `qty` of `sku` lands just before the call
    kReadFails,         // reads only: the read fails as unavailable
    kPass,              // the call goes through normally (to aim a later fault)
  };
  Fault() = default;
  Fault(Kind k, Op o = Op::kAnyWrite) : kind(k), op(o) {}  // NOLINT: braces read well here
  static Fault reject(int http, std::string code, std::string description, Op op = Op::kAnyWrite) {
    Fault f(Kind::kReject, op);
    f.http = http;
    f.code = std::move(code);
    f.description = std::move(description);
    return f;
  }
  static Fault sale_before(Op op, std::string sku, std::int64_t qty) {
    Fault f(Kind::kSaleBefore, op);
    f.sku = std::move(sku);
    f.qty = qty;
    return f;
  }

  Kind kind = Kind::kNotSent;
  Op op = Op::kAnyWrite;
  int http = 0;
  std::string code;
  std::string description;
  std::string sku;
  std::int64_t qty = 0;
};

struct FakeItem {
  WixVariant variant;
  bool found = true;  // an inventory record exists (V3: at the default location)
  bool tracked = true;
  std::int64_t quantity = 0;
  std::string item_id;
  std::int64_t revision = 1;
};

// Every change to a quantity, whoever made it.
struct AppliedWrite {
  std::string sku;
  std::string kind;  // "inc", "dec", "set", "sale", "restock", "admin"
  std::int64_t before = 0;
  std::int64_t after = 0;
  int call = 0;  // the HTTP call number for API writes, 0 otherwise
};

// An order line as the orders pull would see it.
struct FakeOrderLine {
  std::string order_id;
  std::string line_id;
  std::string sku;
  std::int64_t quantity = 0;
  bool canceled = false;     // a cancellation of an earlier line
  std::int64_t restock = 0;  // what Wix put back on cancel
};

// An in-memory Wix with the behaviour the engine relies on, a per-call fault script, online
// sales that queue order lines, a log of every applied write, and a checker: a delta or an
// unguarded set for a SKU whose last write had an outcome the client could not know, before
// any read of it, is recorded as a violation (that is how a write gets applied twice).
class FakeWix final : public InventoryApi {
 public:
  explicit FakeWix(WixMode mode) : mode_(mode) {}

  // Adds a variant; found=false: no inventory record (V3 "no item at the default location").
  FakeItem& add(const std::string& sku, std::int64_t quantity, bool tracked = true,
                bool found = true);
  WixVariant variant(const std::string& sku) const;
  FakeItem* item(const std::string& sku);
  std::int64_t quantity(const std::string& sku) const;
  // A merchant edit in the dashboard.
  void admin_set(const std::string& sku, std::int64_t quantity);

  void script(Fault fault) { faults_.push_back(std::move(fault)); }
  void clear_faults() { faults_.clear(); }
  std::size_t faults_left() const { return faults_.size(); }

  // An online checkout: refused (false) when Wix has less than `qty`, like Wix.
  bool sale(const std::string& sku, std::int64_t qty);
  // Cancels an earlier sale line; `restock` goes back into Wix.
  bool cancel(const std::string& order_id, bool restock);
  const std::vector<FakeOrderLine>& orders() const { return orders_; }
  std::vector<FakeOrderLine> order_log() const { return order_log_; }
  void drop_orders(std::size_t n) { orders_.erase(orders_.begin(), orders_.begin() + n); }

  const std::vector<AppliedWrite>& writes() const { return writes_; }
  std::vector<AppliedWrite> api_writes(const std::string& sku) const;
  const std::vector<std::string>& violations() const { return violations_; }
  bool take_commit_failure() {
    const bool f = fail_next_commit_;
    fail_next_commit_ = false;
    return f;
  }

  const char* catalog_version() const override {
    return mode_ == WixMode::kV1 ? "V1_CATALOG" : "V3_CATALOG";
  }
  std::size_t max_delta_entries() const override { return 300; }
  Result<std::vector<WixStock>> read(const std::vector<WixVariant>& variants) override;
  Status read_all(const std::function<Status(const std::vector<WixStock>&)>& page) override;
  std::vector<EntryOutcome> increment(const std::vector<DeltaEntry>& entries) override;
  std::vector<EntryOutcome> decrement(const std::vector<DeltaEntry>& entries) override;
  std::vector<EntryOutcome> set(const std::vector<SetEntry>& entries) override;
  int calls() const override { return calls_; }

 private:
  struct Change {
    FakeItem* item = nullptr;
    std::int64_t after = 0;
    const char* kind = "";
  };
  bool take_fault(Op op, Fault& out);
  EntryOutcome entry_refused(int v1_http, const char* v1_code, const char* v3_code,
                             const std::string& desc) const;
  WixStock stock_of(const FakeItem& item) const;
  FakeItem* find(const WixVariant& v);
  // One write call: `fault` (when `has`) decides whether it is sent, applied, answered.
  std::vector<EntryOutcome> write(bool has, const Fault& fault, std::vector<Change> changes,
                                  std::vector<EntryOutcome> out);
  std::vector<EntryOutcome> deltas(Op op, const std::vector<DeltaEntry>& entries);
  std::vector<EntryOutcome> set_call(const std::vector<SetEntry>& entries);
  void apply(const Change& c);
  void taint(const std::vector<Change>& changes);
  void check_write(const WixVariant& v, const char* what);

  WixMode mode_;
  std::deque<FakeItem> items_;  // stable addresses
  std::deque<Fault> faults_;
  std::vector<AppliedWrite> writes_;
  std::vector<FakeOrderLine> orders_;     // not yet pulled
  std::vector<FakeOrderLine> order_log_;  // every line ever
  std::map<std::string, bool> unknown_;   // SKU → last write's outcome unknown to the client
  std::vector<std::string> violations_;
  bool fail_next_commit_ = false;
  int calls_ = 0;
  int next_order_ = 1;
};

}  // namespace shelfnode::sync::testing
