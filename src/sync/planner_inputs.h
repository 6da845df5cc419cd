#pragma once

#include <vector>

#include "shelfnode/core/result.h"
#include "shelfnode/store/database.h"
#include "shelfnode/sync/planner.h"

namespace shelfnode::sync {

// Every managed SKU with its target (ledger::stock_target over its stock rows), by SKU.
Result<std::vector<ManagedSku>> load_managed(store::Database& db);

}  // namespace shelfnode::sync
