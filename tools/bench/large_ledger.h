#pragma once

#include <cstddef>
#include <string>

#include "shelfnode/core/status.h"
#include "shelfnode/store/database.h"

namespace shelfnode::bench {

// Fills a new, migrated database with `skus` catalog rows (Wix origin, tracked) and
// `movements` receive movements over them in warehouse 'shop' (mapped), with their stock
// rows: a large device's ledger, written with SQL in one transaction (about 180 MB at 100,000
// SKUs and 1,000,000 movements).
Status fill_large_ledger(store::Database& db, std::size_t skus, std::size_t movements);

}  // namespace shelfnode::bench
