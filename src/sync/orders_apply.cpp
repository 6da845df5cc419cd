#include "sync/orders_apply.h"

#include <algorithm>

#include "shelfnode/core/logger.h"
#include "sync/orders_cursor.h"

namespace shelfnode::sync {
namespace {

constexpr const char* kLineState =
    "SELECT state FROM wix_order_lines WHERE order_id = ?1 AND line_id = ?2";
constexpr const char* kInsertLine =
    "INSERT INTO wix_order_lines (order_id, line_id, sku, quantity, state, note, seen_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr const char* kMarkReversed =
    "UPDATE wix_order_lines SET state = 'reversed' WHERE order_id = ?1 AND line_id = ?2";
constexpr const char* kSkuOfVariant =
    "SELECT sku FROM catalog_items WHERE origin = 'wix' AND product_id = ?1 AND variant_id = ?2"
    " AND sku <> '' LIMIT 1";
constexpr const char* kManaged =
    "SELECT 1 FROM stock s JOIN warehouses w ON w.id = s.warehouse_id"
    " WHERE s.sku = ?1 AND w.mapped = 1 LIMIT 1";
constexpr const char* kMovementOf =
    "SELECT sku, warehouse_id, delta FROM movements WHERE reference = ?1";
// Wix applied the change itself (a checkout decrements, a restock increments [R17]), so what
// Wix is believed to hold moves with it; an unknown `confirmed` stays unknown.
constexpr const char* kAdjustConfirmed =
    "UPDATE wix_outbox SET confirmed = confirmed + ?2 WHERE sku = ?1 AND confirmed IS NOT NULL";

// Wix restocked a line the device never applied, so what Wix holds moved without the device
// knowing by how much: the engine must read the SKU back (once per new restock).
constexpr const char* kRestockSeen =
    "SELECT restock_seen FROM wix_order_lines WHERE order_id = ?1 AND line_id = ?2";
constexpr const char* kRecordRestock =
    "UPDATE wix_order_lines SET restock_seen = ?3 WHERE order_id = ?1 AND line_id = ?2";
constexpr const char* kDoubtConfirmed = "UPDATE wix_outbox SET uncertain = 1 WHERE sku = ?1";

constexpr const char* kCanceled = "CANCELED";

// Runs a cached statement that yields at most one row; `row` tells whether it did.
Status first_row(store::CachedStatement& s, bool& row) {
  Result<bool> r = s->step();
  if (!r.ok()) return r.status();
  row = *r;
  return Status::Ok();
}

Result<std::optional<std::string>> line_state(store::Database& db, const Order& order,
                                              const OrderLine& line) {
  auto s = db.cached(kLineState);
  if (!s.ok()) return s.status();
  (*s)->bind(1, order.id).bind(2, line.id);
  bool row = false;
  SHELFNODE_RETURN_IF_ERROR(first_row(*s, row));
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>((*s)->text_at(0));
}

Status record_line(store::Database& db, const ApplyContext& context, const Order& order,
                   const OrderLine& line, const std::string& sku, const char* state,
                   const std::string& note) {
  auto s = db.cached(kInsertLine);
  if (!s.ok()) return s.status();
  (*s)->bind(1, order.id).bind(2, line.id).bind_optional(3, sku).bind(4, line.quantity);
  (*s)->bind(5, state).bind_optional(6, note).bind(7, context.seen_at);
  return (*s)->run().with_context("recording order " + order.id + " line " + line.id);
}

Status adjust_confirmed(store::Database& db, const std::string& sku, std::int64_t delta) {
  if (delta == 0) return Status::Ok();
  auto s = db.cached(kAdjustConfirmed);
  if (!s.ok()) return s.status();
  (*s)->bind(1, sku).bind(2, delta);
  return (*s)->run();
}

// The SKU the device knows the line by: the catalog cache's mapping of the Wix variant
// first (the SKU the device counts), else the SKU Wix recorded on the line.
Result<std::string> sku_of(store::Database& db, const OrderLine& line) {
  auto s = db.cached(kSkuOfVariant);
  if (!s.ok()) return s.status();
  (*s)->bind(1, line.product_id).bind(2, line.variant_id);
  bool row = false;
  SHELFNODE_RETURN_IF_ERROR(first_row(*s, row));
  return row ? (*s)->text_at(0) : line.sku;
}

Result<bool> managed(store::Database& db, const std::string& sku) {
  auto s = db.cached(kManaged);
  if (!s.ok()) return s.status();
  (*s)->bind(1, sku);
  bool row = false;
  SHELFNODE_RETURN_IF_ERROR(first_row(*s, row));
  return row;
}

std::string reference(const Order& order, const OrderLine& line) {
  return order.id + ":" + line.id;
}

// Why a new line of a counted order is not applied; "" when it is.
Result<std::string> skip_reason(store::Database& db, const ApplyContext& context,
                                const Order& order, const OrderLine& line, const std::string& sku) {
  // A missing createdDate falls back to updatedDate, which the search put after the cursor.
  std::optional<std::int64_t> placed = parse_utc_ms(order.created_date);
  if (!placed) placed = parse_utc_ms(order.updated_date);
  if (placed && *placed < context.since_ms) {
    return std::string("placed before this device was connected");
  }
  if (order.store_pickup && !context.include_store_pickup) {
    return std::string("store pickup order (sync.include_pickup_orders is false)");
  }
  if (!line.stores_item()) return std::string("not a Wix Stores item");
  if (sku.empty()) return std::string("no SKU in Wix for this item");
  if (line.quantity < 1 || line.quantity > ledger::kMaxQuantity) {
    return "quantity " + std::to_string(line.quantity) + " is outside 1-99999";
  }
  Result<bool> is_managed = managed(db, sku);
  if (!is_managed.ok()) return is_managed.status();
  if (!*is_managed) return std::string("SKU not managed here (no stock in a mapped warehouse)");
  return std::string();
}

Status count_line(store::Database& db, ledger::Ledger& ledger, const ApplyContext& context,
                  const Order& order, const OrderLine& line, ApplyCounts& counts) {
  Result<std::string> sku = sku_of(db, line);
  if (!sku.ok()) return sku.status();
  Result<std::string> why = skip_reason(db, context, order, line, *sku);
  if (!why.ok()) return why.status();
  if (!why->empty()) {
    ++counts.skipped;
    log_debug("orders.line_skipped", {{"order", order.id}, {"line", line.id}, {"why", *why}});
    return record_line(db, context, order, line, *sku, "skipped", *why);
  }
  if (!context.warehouse_id) return internal_error("a managed SKU but no mapped warehouse");
  ledger::MovementRequest m;
  m.code = *sku;
  m.sku = *sku;
  m.warehouse_id = *context.warehouse_id;
  m.kind = ledger::MovementKind::kOrder;
  m.quantity = line.quantity;
  m.source = "wix:order";
  m.reference = reference(order, line);
  Result<ledger::Movement> moved = ledger.record(m);
  if (!moved.ok()) return moved.status().with_context("applying order " + order.id);
  SHELFNODE_RETURN_IF_ERROR(record_line(db, context, order, line, *sku, "applied", ""));
  // A movement already there (a line row lost while its movement stayed) was counted
  // against `confirmed` when it was made.
  if (moved->duplicate) return Status::Ok();
  ++counts.applied;
  return adjust_confirmed(db, *sku, -line.quantity);
}

Status reverse_line(store::Database& db, ledger::Ledger& ledger, const Order& order,
                    const OrderLine& line, ApplyCounts& counts) {
  auto s = db.cached(kMovementOf);
  if (!s.ok()) return s.status();
  (*s)->bind(1, reference(order, line));
  bool row = false;
  SHELFNODE_RETURN_IF_ERROR(first_row(*s, row));
  if (!row) return internal_error("order line " + reference(order, line) + " has no movement");
  // The reversal mirrors what was applied (warehouse, SKU, quantity), whatever the config
  // or the order says today.
  ledger::MovementRequest m;
  m.sku = (*s)->text_at(0);
  m.code = m.sku;
  m.warehouse_id = (*s)->int_at(1);
  m.quantity = -(*s)->int_at(2);
  m.kind = ledger::MovementKind::kOrderCancel;
  m.source = "wix:order";
  m.reference = reference(order, line) + ":cancel";
  (*s)->reset();
  Result<ledger::Movement> moved = ledger.record(m);
  if (!moved.ok()) return moved.status().with_context("reversing order " + order.id);
  auto mark = db.cached(kMarkReversed);
  if (!mark.ok()) return mark.status();
  (*mark)->bind(1, order.id).bind(2, line.id);
  SHELFNODE_RETURN_IF_ERROR((*mark)->run());
  if (moved->duplicate) return Status::Ok();
  ++counts.reversed;
  // Wix put back only what the merchant restocked; the rest stays out of its numbers.
  const std::int64_t restocked = std::clamp<std::int64_t>(line.restock_quantity, 0, m.quantity);
  return adjust_confirmed(db, m.sku, restocked);
}

Status doubt_new_restock(store::Database& db, const Order& order, const OrderLine& line,
                         const std::string& sku) {
  auto seen = db.cached(kRestockSeen);
  if (!seen.ok()) return seen.status();
  (*seen)->bind(1, order.id).bind(2, line.id);
  bool row = false;
  SHELFNODE_RETURN_IF_ERROR(first_row(*seen, row));
  if (!row || line.restock_quantity <= (*seen)->int_at(0)) return Status::Ok();
  auto record = db.cached(kRecordRestock);
  if (!record.ok()) return record.status();
  (*record)->bind(1, order.id).bind(2, line.id).bind(3, line.restock_quantity);
  SHELFNODE_RETURN_IF_ERROR((*record)->run());
  if (sku.empty()) return Status::Ok();
  auto doubt = db.cached(kDoubtConfirmed);
  if (!doubt.ok()) return doubt.status();
  (*doubt)->bind(1, sku);
  return (*doubt)->run();
}

Status cancel_line(store::Database& db, ledger::Ledger& ledger, const ApplyContext& context,
                   const Order& order, const OrderLine& line,
                   const std::optional<std::string>& state, ApplyCounts& counts) {
  if (!state || *state == "skipped") {
    Result<std::string> sku = sku_of(db, line);
    if (!sku.ok()) return sku.status();
    if (!state) {
      ++counts.skipped;
      SHELFNODE_RETURN_IF_ERROR(record_line(db, context, order, line, *sku, "skipped",
                                            "canceled before this device saw it"));
    }
    return doubt_new_restock(db, order, line, *sku);
  }
  if (*state != "applied") return Status::Ok();
  return reverse_line(db, ledger, order, line, counts);
}

}  // namespace

Status apply_order(store::Database& db, ledger::Ledger& ledger, const ApplyContext& context,
                   const Order& order, ApplyCounts& counts) {
  const bool canceled = order.status == kCanceled;
  const bool counted = std::find(context.statuses.begin(), context.statuses.end(), order.status) !=
                       context.statuses.end();
  if (!canceled && !counted) {
    ++counts.ignored_orders;
    return Status::Ok();
  }
  for (const OrderLine& line : order.lines) {
    if (line.id.empty()) {
      log_warn("orders.line_without_id", {{"order", order.id}});
      continue;
    }
    Result<std::optional<std::string>> state = line_state(db, order, line);
    if (!state.ok()) return state.status();
    if (canceled) {
      SHELFNODE_RETURN_IF_ERROR(cancel_line(db, ledger, context, order, line, *state, counts));
    } else if (!*state) {
      SHELFNODE_RETURN_IF_ERROR(count_line(db, ledger, context, order, line, counts));
    }
  }
  return Status::Ok();
}

}  // namespace shelfnode::sync
