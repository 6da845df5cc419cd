#include "sync/slices.h"

#include <algorithm>
#include <utility>

#include "shelfnode/ledger/stock_rule.h"

namespace shelfnode::sync {

const ManagedSku* Slice::find(const std::string& sku) const {
  auto it = std::lower_bound(managed.begin(), managed.end(), sku,
                             [](const ManagedSku& m, const std::string& s) { return m.sku < s; });
  return it != managed.end() && it->sku == sku ? &*it : nullptr;
}

Result<bool> SliceReader::next(Slice& out) {
  if (done_) return false;
  out = Slice{};
  Result<store::Statement> s = db_.prepare(
      "SELECT s.sku, w.mapped, s.qty FROM stock s JOIN warehouses w ON w.id = s.warehouse_id"
      " WHERE (?1 OR s.sku > ?2) ORDER BY s.sku");
  if (!s.ok()) return s.status();
  s->bind(1, std::int64_t{range_.from_start ? 1 : 0}).bind(2, range_.after);
  // A slice counts every stocked SKU, managed or not, so an outbox range never holds more
  // rows than the slice size (each row is of a SKU that had stock when it was managed).
  std::size_t skus = 0;
  std::string sku;
  std::vector<ledger::WarehouseStock> levels;
  auto flush = [&] {
    const ledger::StockTarget t = ledger::stock_target(levels);
    if (t.managed) out.managed.push_back({sku, t.target});
    levels.clear();
  };
  bool at_end = true;
  for (;;) {
    Result<bool> row = s->step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    std::string this_sku = s->text_at(0);
    if (this_sku != sku || levels.empty()) {
      if (!levels.empty()) flush();
      if (skus == size_) {
        at_end = false;  // `sku` ends this slice; `this_sku` starts the next one
        break;
      }
      ++skus;
      sku = std::move(this_sku);
    }
    levels.push_back({"", s->int_at(1) != 0, s->int_at(2)});
  }
  if (!levels.empty()) flush();
  out.range = range_;
  out.range.to_end = at_end;
  out.range.last = at_end ? std::string() : sku;
  if (at_end) {
    done_ = true;
  } else {
    range_.from_start = false;
    range_.after = sku;
  }
  Result<OutboxRows> rows = load_outbox(db_, out.range);
  if (!rows.ok()) return rows.status();
  out.rows = std::move(rows).value();
  SHELFNODE_RETURN_IF_ERROR(read_catalog(out));
  return true;
}

Status SliceReader::read_catalog(Slice& out) {
  Result<store::Statement> s = db_.prepare(
      "SELECT sku, COALESCE(product_id, ''), COALESCE(variant_id, ''), track_quantity,"
      " updated_at FROM catalog_items WHERE origin = 'wix' AND sku <> ''"
      " AND (?1 OR sku > ?2) AND (?3 OR sku <= ?4) ORDER BY sku, product_id, variant_id");
  if (!s.ok()) return s.status();
  s->bind(1, std::int64_t{out.range.from_start ? 1 : 0}).bind(2, out.range.after);
  s->bind(3, std::int64_t{out.range.to_end ? 1 : 0}).bind(4, out.range.last);
  for (;;) {
    Result<bool> row = s->step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    std::string sku = s->text_at(0);
    // The catalog may hold many more SKUs than are stocked: only the managed ones are kept.
    if (out.find(sku) == nullptr) continue;
    CatalogVariant v;
    v.variant = WixVariant{std::move(sku), s->text_at(1), s->text_at(2)};
    if (!s->is_null(3)) v.tracked = s->int_at(3) != 0;
    v.updated_at = s->text_at(4);
    out.catalog[v.variant.sku].push_back(std::move(v));
  }
  return Status::Ok();
}

}  // namespace shelfnode::sync
