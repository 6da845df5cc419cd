#pragma once

#include <cJSON.h>

#include "shelfnode/sync/status.h"

namespace shelfnode::cli {

// The sync part of `status`: queue, oldest pending change, parked SKUs with their reasons,
// last round / success / reconciliation and drift totals (all from the database alone).
void add_sync_json(cJSON* root, const sync::SyncStatus& st);
void print_sync_status_text(const sync::SyncStatus& st, bool connected);

}  // namespace shelfnode::cli
