#include "sync/orders_apply.h"

namespace shelfnode::sync {

Result<std::optional<ledger::Warehouse>> fulfilment_warehouse(store::Database& db,
                                                              const std::string& configured) {
  if (!configured.empty()) {
    Result<ledger::Warehouse> w = ledger::find_warehouse(db, configured);
    if (!w.ok() && w.status().code() == Code::kNotFound) {
      return config_error("sync.fulfilment_warehouse is '" + configured +
                          "', but there is no warehouse of that name: set it in config.json to "
                          "a mapped warehouse (see `shelfnode warehouse list`), or remove it to "
                          "use the first mapped one");
    }
    if (!w.ok()) return w.status();
    if (!w->mapped) {
      // Wix already took the sale from what it shows, so the movement must land where it
      // counts towards Wix too; in an unmapped warehouse the next push would undo the sale.
      return config_error("sync.fulfilment_warehouse is '" + configured +
                          "', which is not mapped: online orders must come out of a warehouse "
                          "that counts for Wix; run `shelfnode warehouse map " +
                          configured + "`, or name a mapped warehouse in config.json");
    }
    return std::optional<ledger::Warehouse>(*w);
  }
  Result<std::vector<ledger::Warehouse>> all = ledger::list_warehouses(db);  // ordered by id
  if (!all.ok()) return all.status();
  for (const ledger::Warehouse& w : *all) {
    if (w.mapped) return std::optional<ledger::Warehouse>(w);
  }
  return std::optional<ledger::Warehouse>();
}

}  // namespace shelfnode::sync
