#include "shelfnode/ledger/ledger.h"

#include "shelfnode/store/bounded_memory.h"

namespace shelfnode::ledger {
namespace {

constexpr const char* kSelectQty = "SELECT qty FROM stock WHERE sku = ?1 AND warehouse_id = ?2";
constexpr const char* kSelectReference = "SELECT 1 FROM movements WHERE reference = ?1";
constexpr const char* kInsertMovement =
    "INSERT INTO movements (id, at, code, sku, warehouse_id, delta, kind, source, reference,"
    " voids, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
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
  return write(m, Row{r.code, r.sku, r.warehouse_id, kind_name(r.kind), r.source, r.reference, "", ""});
}

Result<Movement> Ledger::record_void(const StoredMovement& original, std::string_view reason,
                                     std::string_view source) {
  Movement m;
  m.sku = original.sku;
  m.delta = -original.delta;
  return write(m, Row{original.code, original.sku, original.warehouse_id, "void", source, "",
                      original.id, reason});
}

Result<Movement> Ledger::write(Movement& m, const Row& row) {
  Result<std::string> id = uuids_.next();
  if (!id.ok()) return id.status();
  m.id = std::move(id).value();
  m.at = format_utc_ms(clock_.now_ms());

  auto ins = db_.cached(kInsertMovement);
  if (!ins.ok()) return ins.status();
  (*ins)->bind(1, m.id).bind(2, m.at).bind(3, row.code).bind(4, row.sku).bind(5, row.warehouse_id);
  (*ins)->bind(6, m.delta).bind(7, row.kind).bind(8, row.source);
  (*ins)->bind_optional(9, row.reference).bind_optional(10, row.voids).bind_optional(11, row.note);
  SHELFNODE_RETURN_IF_ERROR((*ins)->run().with_context("recording the movement"));

  auto up = db_.cached(kUpsertStock);
  if (!up.ok()) return up.status();
  (*up)->bind(1, row.sku).bind(2, row.warehouse_id).bind(3, m.delta);
  Result<bool> stock = (*up)->step();
  if (!stock.ok()) return stock.status().with_context("updating stock");
  m.stock_after = (*up)->int_at(0);
  // Drain the statement so RETURNING finishes its write before the handle is reset.
  Result<bool> done = (*up)->step();
  if (!done.ok()) return done.status().with_context("updating stock");
  return m;
}

// ?1 = one SKU, or NULL for all. A SKU's name is Wix's when both Wix and an import have it,
// the row added last when two Wix variants share it (as catalog::find names it).
constexpr const char* kStockLevels =
    "SELECT s.sku, COALESCE((SELECT name FROM catalog_items c WHERE c.sku = s.sku"
    " ORDER BY c.origin DESC, c.id DESC LIMIT 1), ''), w.name, w.mapped, s.qty"
    " FROM stock s JOIN warehouses w ON w.id = s.warehouse_id"
    " WHERE ?1 IS NULL OR s.sku = ?1 ORDER BY s.sku, w.id";

Status each_stock_level(store::Database& db, const std::function<Status(const StockLevel&)>& each,
                        const std::optional<std::string>& sku) {
  store::BoundedMemory bounded(db);  // every stock row, and a catalog probe for each
  Result<store::Statement> s = db.prepare(kStockLevels);
  if (!s.ok()) return s.status();
  if (sku) s->bind(1, *sku);
  for (;;) {
    Result<bool> row = s->step();
    if (!row.ok()) return row.status().with_context("reading stock");
    if (!*row) return Status::Ok();
    SHELFNODE_RETURN_IF_ERROR(each(
        StockLevel{s->text_at(0), s->text_at(1), s->text_at(2), s->int_at(3) != 0, s->int_at(4)}));
  }
}

Result<std::vector<SkuStock>> stock_report(store::Database& db, std::optional<std::string> sku) {
  std::vector<SkuStock> out;
  Status s = each_stock_level(
      db,
      [&out](const StockLevel& level) {
        if (out.empty() || out.back().sku != level.sku) {
          out.push_back(SkuStock{level.sku, level.name, {}, {}});
        }
        out.back().warehouses.push_back(WarehouseStock{level.warehouse, level.mapped, level.qty});
        return Status::Ok();
      },
      sku);
  if (!s.ok()) return s;
  for (SkuStock& item : out) item.target = stock_target(item.warehouses);
  return out;
}

}  // namespace shelfnode::ledger
