#pragma once

#include <cstddef>
#include <string>

#include "bench_support.h"
#include "shelfnode/core/status.h"
#include "shelfnode/store/database.h"

namespace shelfnode::bench {

// Fills a new, migrated database with `skus` catalog rows (Wix origin, tracked) and
// `movements` receive movements over them in warehouse 'shop' (mapped), with their stock
// rows: a large device's ledger, written with SQL in one transaction (about 180 MB at 100,000
// SKUs and 1,000,000 movements).
Status fill_large_ledger(store::Database& db, std::size_t skus, std::size_t movements);

// The --movements N (default 1,000,000) and --skus N (default 100,000) flags of the
// large-ledger benchmarks; false when one is malformed.
bool large_ledger_flags(const Flags& flags, std::size_t& movements, std::size_t& skus);

}  // namespace shelfnode::bench
