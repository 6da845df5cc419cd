#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace shelfnode::ledger {

// What one warehouse holds of one SKU.
struct WarehouseStock {
  std::string warehouse;
  bool mapped = false;
  std::int64_t qty = 0;
};

// What Wix should show for one SKU. The one place the stock rule lives (DESIGN invariant 3).
struct StockTarget {
  // True once the SKU has moved or been counted in at least one mapped warehouse. Only
  // managed SKUs are pushed: connecting a device must never zero the rest of the shop.
  bool managed = false;
  std::int64_t mapped_sum = 0;  // may be negative (sold before it was received)
  std::int64_t target = 0;      // max(0, mapped_sum): Wix never shows negative stock from us
};

// target = max(0, Σ qty over mapped warehouses). Unmapped warehouses never count. `levels`
// holds only the warehouses where the SKU has a stock row.
StockTarget stock_target(const std::vector<WarehouseStock>& levels);

}  // namespace shelfnode::ledger
