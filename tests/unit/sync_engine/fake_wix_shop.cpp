// The shop side of the fake: online checkouts and cancellations (which queue order lines
// for the orders pull), merchant edits, and the applied-writes log.
#include <algorithm>

#include "unit/sync_engine/fake_wix.h"

namespace shelfnode::sync::testing {

void FakeWix::admin_set(const std::string& sku, std::int64_t quantity) {
  FakeItem* i = item(sku);
  apply({i, quantity, "admin"});
}

bool FakeWix::sale(const std::string& sku, std::int64_t qty) {
  FakeItem* i = item(sku);
  if (i == nullptr || !i->found || !i->tracked || i->quantity < qty || qty < 1) return false;
  apply({i, i->quantity - qty, "sale"});
  FakeOrderLine line{"order-" + std::to_string(next_order_++), "line-1", sku, qty, false, 0};
  orders_.push_back(line);
  order_log_.push_back(line);
  return true;
}

bool FakeWix::cancel(const std::string& order_id, bool restock) {
  for (const FakeOrderLine& l : order_log_) {
    if (l.order_id != order_id) continue;
    if (l.canceled) return false;
  }
  for (const FakeOrderLine& l : order_log_) {
    if (l.order_id != order_id || l.canceled) continue;
    FakeOrderLine c = l;
    c.canceled = true;
    c.restock = restock ? l.quantity : 0;
    if (restock) {
      FakeItem* i = item(l.sku);
      apply({i, std::min<std::int64_t>(99999, i->quantity + l.quantity), "restock"});
    }
    orders_.push_back(c);
    order_log_.push_back(c);
    return true;
  }
  return false;
}

std::vector<AppliedWrite> FakeWix::api_writes(const std::string& sku) const {
  std::vector<AppliedWrite> out;
  for (const AppliedWrite& w : writes_) {
    if (w.sku == sku && w.call != 0) out.push_back(w);
  }
  return out;
}

}  // namespace shelfnode::sync::testing
