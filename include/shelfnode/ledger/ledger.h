#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shelfnode/core/clock.h"
#include "shelfnode/core/result.h"
#include "shelfnode/core/uuid.h"
#include "shelfnode/ledger/history.h"
#include "shelfnode/ledger/stock_rule.h"
#include "shelfnode/store/database.h"

namespace shelfnode::ledger {

enum class MovementKind { kReceive, kSell, kCount, kMoveOut, kMoveIn, kOrder, kOrderCancel };

const char* kind_name(MovementKind kind);

// The largest quantity one command or scan may carry. Matches Wix's per-item bound (±99999),
// and catches a scanner that pasted a barcode into the quantity field.
constexpr std::int64_t kMaxQuantity = 99999;

// One change to record. `quantity` is positive for receive/sell/move/order; for a count it is
// the absolute number counted (≥ 0) and the stored delta is counted − current.
struct MovementRequest {
  std::string code;  // as scanned or typed
  std::string sku;
  std::int64_t warehouse_id = 0;
  MovementKind kind = MovementKind::kReceive;
  std::int64_t quantity = 0;
  std::string source;     // "cli", "scan:stdin", "wix:order"
  std::string reference;  // optional unique key, e.g. "<order id>:<line id>"
};

struct Movement {
  std::string id;  // UUID, made inside the recording transaction
  std::string at;
  std::string sku;
  std::int64_t delta = 0;
  std::int64_t stock_after = 0;  // the (sku, warehouse) quantity after this movement
  bool duplicate = false;        // a movement with this reference already existed: no-op
};

// Appends movements and keeps per-(SKU, warehouse) stock in step. Every call must run inside
// a store::Transaction the caller commits: the caller decides what is atomic (one scan, a
// batch of scans, the two halves of a move).
class Ledger {
 public:
  Ledger(store::Database& db, UuidGenerator& uuids, const Clock& clock)
      : db_(db), uuids_(uuids), clock_(clock) {}

  Result<Movement> record(const MovementRequest& request);
  // A 'void' movement that takes `original`'s delta back out of its warehouse, linked to it
  // (ledger/void_movement.h decides what may be voided).
  Result<Movement> record_void(const StoredMovement& original, std::string_view reason,
                               std::string_view source);
  Result<std::int64_t> quantity(std::string_view sku, std::int64_t warehouse_id);

 private:
  // What a movement row holds besides its id, time and delta.
  struct Row {
    std::string_view code, sku;
    std::int64_t warehouse_id;
    std::string_view kind, source, reference, voids, note;
  };
  Result<Movement> write(Movement& m, const Row& row);

  store::Database& db_;
  UuidGenerator& uuids_;
  const Clock& clock_;
};

// Per-SKU view for `stock`: warehouses, mapped sum and target.
struct SkuStock {
  std::string sku;
  std::string name;
  std::vector<WarehouseStock> warehouses;
  StockTarget target;
};

// Every SKU with a stock row (or only `sku` when given), ordered by SKU.
Result<std::vector<SkuStock>> stock_report(store::Database& db,
                                           std::optional<std::string> sku = std::nullopt);

// One (SKU, warehouse) stock row for `export stock`.
struct StockLevel {
  std::string sku;
  std::string name;
  std::string warehouse;
  bool mapped = false;
  std::int64_t qty = 0;
};

// Every stock row (or only `sku`'s), by SKU then warehouse, one at a time: bounded memory
// for any catalog.
Status each_stock_level(store::Database& db, const std::function<Status(const StockLevel&)>& each,
                        const std::optional<std::string>& sku = std::nullopt);

}  // namespace shelfnode::ledger
