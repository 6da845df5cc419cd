#pragma once

#include <string>

#include "shelfnode/core/status.h"
#include "shelfnode/store/database.h"

namespace shelfnode::store {

// The schema version this build writes (PRAGMA user_version after migrating).
int latest_schema_version();

// Applies every numbered migration above the database's user_version, each in its own
// transaction, so a crash mid-way leaves a database at a known earlier version. A database
// newer than this build is refused (downgrading would lose data).
Status migrate(Database& db);
// The same, stopping at schema `target`: for tests of a migration against the data an older
// build wrote.
Status migrate_to(Database& db, int target);

// Makes a new, migrated database at `path` (which must not exist) so that a crash leaves
// either no file or a whole one: it is built at `path`.new, closed (its WAL checkpointed
// away), synced and renamed in. So a shelfnode.db at its path is never a half-made one, and an
// empty or headerless one is always damage (store/health.h).
Status create_database(const std::string& path);

// Reads user_version.
Result<int> schema_version(Database& db);

}  // namespace shelfnode::store
