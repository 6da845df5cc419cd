#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shelfnode/core/clock.h"
#include "shelfnode/core/result.h"
#include "shelfnode/ledger/ledger.h"
#include "shelfnode/ledger/warehouses.h"
#include "shelfnode/store/database.h"
#include "sync/order_lines.h"

namespace shelfnode::sync {

// The warehouse online orders are taken from: `sync.fulfilment_warehouse`, else the first
// mapped warehouse. A named one that does not exist or is not mapped is a kConfig error that
// names the setting. Nothing (and no error) when no warehouse is mapped at all: then no SKU is
// managed and every line is skipped anyway.
Result<std::optional<ledger::Warehouse>> fulfilment_warehouse(store::Database& db,
                                                              const std::string& configured);

// What applying orders needs to know; the same for every order of one pull.
struct ApplyContext {
  std::optional<std::int64_t> warehouse_id;  // fulfilment warehouse
  std::vector<std::string> statuses;         // counted statuses (config), never CANCELED
  bool include_store_pickup = true;
  std::int64_t since_ms = 0;  // orders placed before this are never applied
  std::string seen_at;        // when this pull runs (the clock seam), for wix_order_lines
};

struct ApplyCounts {
  int applied = 0;
  int skipped = 0;
  int reversed = 0;
  int ignored_orders = 0;  // in a status that is neither counted nor CANCELED
};

// Brings one order's lines into the ledger, inside the caller's transaction. Idempotent:
// every line is recorded in wix_order_lines once, its movement carries the unique reference
// "<order id>:<line id>" (":cancel" for the reversal), so seeing an order again changes
// nothing unless its status moved to CANCELED.
Status apply_order(store::Database& db, ledger::Ledger& ledger, const ApplyContext& context,
                   const Order& order, ApplyCounts& counts);

}  // namespace shelfnode::sync
