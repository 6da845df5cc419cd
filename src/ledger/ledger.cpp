#include "shelfnode/ledger/ledger.h"

namespace shelfnode::ledger {
namespace {

constexpr const char* kSelectQty = "SELECT qty FROM stock WHERE sku = ?1 AND warehouse_id = ?2";
constexpr const char* kSelectReference = "SELECT 1 FROM movements WHERE reference = ?1";
constexpr const char* kInsertMovement =
    "INSERT INTO movements (id, at, code, sku, warehouse_id, delta, kind, source, reference)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
constexpr const char* kUpsertStock =
    "INSERT INTO stock (sku, warehouse_id, qty) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (sku, warehouse_id) DO UPDATE SET qty = qty + excluded.qty RETURNING qty";

// Sign of the stored delta for kinds whose quantity is a positive amount.
std::int64_t signed_delta(MovementKind kind, std::int64_t quantity) {
  switch (kind) {
    case MovementKind::kReceive:
    case MovementKind::kMoveIn:
    case MovementKind::kOrderCancel:
      return quantity;
    case MovementKind::kSell:
    case MovementKind::kMoveOut:
    case MovementKind::kOrder:
      return -quantity;
    case MovementKind::kCount:
      break;
  }
  return 0;
}

Status validate(const MovementRequest& r) {
  if (r.sku.empty()) return internal_error("movement without a SKU");
  const bool is_count = r.kind == MovementKind::kCount;
  const std::int64_t low = is_count ? 0 : 1;
  if (r.quantity < low || r.quantity > kMaxQuantity) {
    return usage_error("quantity " + std::to_string(r.quantity) + " is out of range: use " +
                       (is_count ? "0" : "1") + " to " + std::to_string(kMaxQuantity));
  }
  return Status::Ok();
}

}  // namespace

const char* kind_name(MovementKind kind) {
  switch (kind) {
    case MovementKind::kReceive:
      return "receive";
    case MovementKind::kSell:
      return "sell";
    case MovementKind::kCount:
      return "count";
    case MovementKind::kMoveOut:
      return "move_out";
    case MovementKind::kMoveIn:
      return "move_in";
    case MovementKind::kOrder:
      return "order";
    case MovementKind::kOrderCancel:
      return "order_cancel";
  }
  return "receive";
}

Result<std::int64_t> Ledger::quantity(std::string_view sku, std::int64_t warehouse_id) {
  auto s = db_.cached(kSelectQty);
  if (!s.ok()) return s.status();
  (*s)->bind(1, sku).bind(2, warehouse_id);
  Result<bool> row = (*s)->step();
  if (!row.ok()) return row.status();
  return *row ? (*s)->int_at(0) : 0;
}

Result<Movement> Ledger::record(const MovementRequest& r) {
  SHELFNODE_RETURN_IF_ERROR(validate(r));
  Movement m;
  m.sku = r.sku;
  if (!r.reference.empty()) {
    auto seen = db_.cached(kSelectReference);
    if (!seen.ok()) return seen.status();
    (*seen)->bind(1, r.reference);
    Result<bool> row = (*seen)->step();
    if (!row.ok()) return row.status();
    if (*row) {
      m.duplicate = true;
      return m;
    }
  }
  if (r.kind == MovementKind::kCount) {
    Result<std::int64_t> current = quantity(r.sku, r.warehouse_id);
    if (!current.ok()) return current.status();
    m.delta = r.quantity - *current;
  } else {
    m.delta = signed_delta(r.kind, r.quantity);
  }
  Result<std::string> id = uuids_.next();
  if (!id.ok()) return id.status();
  m.id = std::move(id).value();
  m.at = format_utc_ms(clock_.now_ms());

  auto ins = db_.cached(kInsertMovement);
  if (!ins.ok()) return ins.status();
  (*ins)->bind(1, m.id).bind(2, m.at).bind(3, r.code).bind(4, r.sku).bind(5, r.warehouse_id);
  (*ins)->bind(6, m.delta).bind(7, kind_name(r.kind)).bind(8, r.source);
  (*ins)->bind_optional(9, r.reference);
  SHELFNODE_RETURN_IF_ERROR((*ins)->run().with_context("recording the movement"));

  auto up = db_.cached(kUpsertStock);
  if (!up.ok()) return up.status();
  (*up)->bind(1, r.sku).bind(2, r.warehouse_id).bind(3, m.delta);
  Result<bool> row = (*up)->step();
  if (!row.ok()) return row.status().with_context("updating stock");
  m.stock_after = (*up)->int_at(0);
  // Drain the statement so RETURNING finishes its write before the handle is reset.
  Result<bool> done = (*up)->step();
  if (!done.ok()) return done.status().with_context("updating stock");
  return m;
}

Result<std::vector<SkuStock>> stock_report(store::Database& db, std::optional<std::string> sku) {
  const char* sql =
      "SELECT s.sku, COALESCE((SELECT name FROM catalog_items c WHERE c.sku = s.sku"
      " ORDER BY c.origin = 'wix' DESC LIMIT 1), ''), w.name, w.mapped, s.qty"
      " FROM stock s JOIN warehouses w ON w.id = s.warehouse_id"
      " WHERE ?1 IS NULL OR s.sku = ?1 ORDER BY s.sku, w.id";
  Result<store::Statement> s = db.prepare(sql);
  if (!s.ok()) return s.status();
  if (sku) s->bind(1, *sku);
  std::vector<SkuStock> out;
  for (;;) {
    Result<bool> row = s->step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    std::string this_sku = s->text_at(0);
    if (out.empty() || out.back().sku != this_sku) {
      out.push_back(SkuStock{this_sku, s->text_at(1), {}, {}});
    }
    out.back().warehouses.push_back(WarehouseStock{s->text_at(2), s->int_at(3) != 0, s->int_at(4)});
  }
  for (SkuStock& item : out) item.target = stock_target(item.warehouses);
  return out;
}

}  // namespace shelfnode::ledger
