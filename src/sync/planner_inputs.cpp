#include "sync/planner_inputs.h"

#include "shelfnode/ledger/stock_rule.h"

namespace shelfnode::sync {

Result<std::vector<ManagedSku>> load_managed(store::Database& db) {
  Result<store::Statement> s = db.prepare(
      "SELECT s.sku, w.mapped, s.qty FROM stock s JOIN warehouses w ON w.id = s.warehouse_id"
      " ORDER BY s.sku");
  if (!s.ok()) return s.status();
  std::vector<ManagedSku> out;
  std::string sku;
  std::vector<ledger::WarehouseStock> levels;
  auto flush = [&] {
    const ledger::StockTarget t = ledger::stock_target(levels);
    if (t.managed) out.push_back({sku, t.target});
    levels.clear();
  };
  for (;;) {
    Result<bool> row = s->step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    std::string this_sku = s->text_at(0);
    if (this_sku != sku) {
      if (!levels.empty()) flush();
      sku = std::move(this_sku);
    }
    levels.push_back({"", s->int_at(1) != 0, s->int_at(2)});
  }
  if (!levels.empty()) flush();
  return out;
}

}  // namespace shelfnode::sync
