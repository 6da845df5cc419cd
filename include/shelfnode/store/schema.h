#pragma once

#include "shelfnode/core/status.h"
#include "shelfnode/store/database.h"

namespace shelfnode::store {

// The schema version this build writes (PRAGMA user_version after migrating).
int latest_schema_version();

// Applies every numbered migration above the database's user_version, each in its own
// transaction, so a crash mid-way leaves a database at a known earlier version. A database
// newer than this build is refused (downgrading would lose data).
Status migrate(Database& db);

// Reads user_version.
Result<int> schema_version(Database& db);

}  // namespace shelfnode::store
