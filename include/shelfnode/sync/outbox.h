#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "shelfnode/core/clock.h"
#include "shelfnode/core/result.h"
#include "shelfnode/store/database.h"
#include "shelfnode/sync/inventory_api.h"

namespace shelfnode::sync {

// Who can lift a park: the catalog cache (re-checked every round, no call to Wix), or Wix
// (a rejection or a read; lifted when the target or the catalog row changes, or on request).
enum class ParkedBy { kCatalog, kWix };

// One wix_outbox row (schema migration 2; src/sync/README.md has the state machine).
struct OutboxRow {
  std::string sku;
  std::optional<std::int64_t> confirmed;    // what Wix is believed to hold
  std::optional<std::int64_t> sent_target;  // a write is in flight (or was, if we crashed)
  bool uncertain = false;                   // `confirmed` is in doubt until read back
  std::string parked_reason;                // empty = not parked
  std::string parked_at;
  ParkedBy parked_by = ParkedBy::kCatalog;
  std::optional<std::int64_t> parked_target;
  WixVariant variant;  // the variant `confirmed` is about (sku, product_id, variant_id)
  std::string inventory_item_id;
  std::string revision;
  std::optional<std::int64_t>
      read_seq;  // set while a read of Wix is not yet checked against orders
  std::optional<std::int64_t> synced_seq;
  std::string updated_at;

  bool parked() const { return !parked_reason.empty(); }
  bool in_flight() const { return sent_target.has_value(); }
  // Must be read back before any write: a write may have landed, Wix refused one, or a read
  // may have missed an online sale. A mark left in flight means the process died mid-call.
  bool doubtful() const { return uncertain || in_flight(); }
};

using OutboxRows = std::map<std::string, OutboxRow>;

// SKUs in key order after `after` (from the first when `from_start`) up to and including
// `last` (to the end when `to_end`). A sync round walks the SKUs in such ranges, one after
// another, so that every row belongs to exactly one of them.
struct SkuRange {
  bool from_start = true;
  std::string after;
  bool to_end = true;
  std::string last;
};

// Every row, by SKU (a plain read: `stock` and `status` use it without a clock).
Result<OutboxRows> load_outbox(store::Database& db);
// The rows of one range of SKUs.
Result<OutboxRows> load_outbox(store::Database& db, const SkuRange& range);

// True when Wix shows `target` for the SKU and nothing about it is in doubt (DESIGN §4.4).
bool is_converged(const OutboxRow* row, std::int64_t target);

// Why a managed SKU is not converged, in words for `sync` and `status` ("" when it is).
std::string pending_reason(const OutboxRow* row, std::int64_t target);

// One state change of one row. Every change goes through Outbox::apply, so each batch is one
// transaction: an in-flight mark is committed before its request is sent, and an outcome's
// `confirmed` and the cleared mark are committed together.
struct OutboxChange {
  enum class Kind {
    kInFlight,   // value = sent_target: committed before the request goes out
    kLanded,     // value = delta: confirmed += delta, mark cleared, doubt cleared
    kSetLanded,  // value = quantity: confirmed := quantity (an absolute set landed)
    kNotSent,    // Wix did not act on it: clear the mark
    kUncertain,  // the write may have landed: keep the mark, read back before anything else
    kDoubt,      // not applied, but `confirmed` is in doubt: clear the mark, read back
    kRead,       // stock = what Wix holds; value = read_seq (or -1: already checked)
    kPark,       // text = reason, by, value = target; clears the mark (nothing was applied)
    kUnpark,
    kForget,  // the row no longer describes Wix (SKU unmanaged, or another variant)
    kSynced,  // value = the SKU's last movement seq that Wix reflects
  };
  Kind kind = Kind::kNotSent;
  std::string sku;
  std::int64_t value = 0;
  std::string text;
  ParkedBy by = ParkedBy::kWix;
  WixStock stock;  // kRead only

  static OutboxChange of(Kind kind, std::string sku, std::int64_t value = 0) {
    OutboxChange c;
    c.kind = kind;
    c.sku = std::move(sku);
    c.value = value;
    return c;
  }
  static OutboxChange park(std::string sku, std::int64_t target, std::string reason, ParkedBy by) {
    OutboxChange c = of(Kind::kPark, std::move(sku), target);
    c.text = std::move(reason);
    c.by = by;
    return c;
  }
  // read_seq < 0: the read was already checked against an orders pull.
  static OutboxChange read(std::string sku, WixStock stock, std::int64_t read_seq) {
    OutboxChange c = of(Kind::kRead, std::move(sku), read_seq);
    c.stock = std::move(stock);
    return c;
  }
};

class Outbox {
 public:
  Outbox(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Result<OutboxRows> load() { return load_outbox(db_); }
  // Applies every change in one transaction; rows are created as needed.
  Status apply(const std::vector<OutboxChange>& changes);
  // After an orders pull: every read not yet checked is either confirmed (no online order
  // for the SKU arrived since) or put in doubt (one did: the read may already include it,
  // and the pull has just taken it off `confirmed` a second time). Returns how many doubts.
  Result<int> check_reads();
  // movements.seq of the newest movement (0 for an empty ledger).
  Result<std::int64_t> last_seq();

 private:
  Status apply_one(const OutboxChange& change, const std::string& now);
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace shelfnode::sync
