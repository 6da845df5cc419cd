#pragma once

#include <string>

#include "shelfnode/core/clock.h"
#include "shelfnode/core/config.h"
#include "shelfnode/core/result.h"
#include "shelfnode/ledger/ledger.h"
#include "shelfnode/store/database.h"
#include "shelfnode/wix/retrying_client.h"

namespace shelfnode::sync {

struct OrdersPullReport {
  int orders_seen = 0;     // orders Wix returned, in every status (a known one again too)
  int orders_new = 0;      // of those, orders with a line recorded for the first time, or
                           // reversed: what this pull brought that an earlier one did not
  int orders_ignored = 0;  // in a status that is neither counted (config) nor CANCELED
  int lines_applied = 0;   // new `order` movements
  int lines_skipped = 0;   // recorded, not applied (unmanaged SKU, pickup, before connect, ...)
  int lines_reversed = 0;  // new `order_cancel` movements
  int pages = 0;
  int requests = 0;    // HTTP attempts, retries included
  std::string cursor;  // the updatedDate the next pull searches from
};

// Step 1 of a sync round (src/sync/README.md, "Orders"): brings the eCom orders Wix changed
// since the stored cursor into the ledger, exactly once per line (DESIGN §4 invariants 2
// and 6). Each page is one transaction (its lines, their movements, `confirmed`, the
// cursor), so a failure at any point leaves a consistent state and the next pull carries on
// without applying anything twice. Only reads Wix: it never writes orders, products or stock.
//
// `db` must be the database `ledger` writes to, and no transaction may be open on it. A
// configured fulfilment warehouse that is missing or not mapped fails with kConfig before
// any request; a failed request fails with the Wix status (work from earlier pages stays).
Result<OrdersPullReport> pull_orders(store::Database& db, ledger::Ledger& ledger,
                                     wix::RetryingClient& wix, const Config::Sync& config,
                                     const Clock& clock);

}  // namespace shelfnode::sync
