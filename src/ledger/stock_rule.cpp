#include "shelfnode/ledger/stock_rule.h"

#include <algorithm>

namespace shelfnode::ledger {

StockTarget stock_target(const std::vector<WarehouseStock>& levels) {
  StockTarget t;
  for (const WarehouseStock& w : levels) {
    if (!w.mapped) continue;
    t.managed = true;
    t.mapped_sum += w.qty;
  }
  t.target = std::max<std::int64_t>(0, t.mapped_sum);
  return t;
}

}  // namespace shelfnode::ledger
