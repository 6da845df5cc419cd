#pragma once

#include <string>

#include "shelfnode/core/status.h"
#include "shelfnode/store/data_dir.h"
#include "shelfnode/store/database.h"

namespace shelfnode::store {

// Is the file at `db_path` plausibly a database, from its first 100 bytes and its size (one
// stat and one pread, done by every command)? A zero-length file is refused too: `init` never
// leaves one (it builds the database aside and renames it in), so an empty shelfnode.db is a
// truncated one, never a new install.
Status check_file_header(const std::string& db_path);

// SQLite's quick_check: every page and record of the file read once (about 2 s for 1M
// movements and 100k SKUs here; tools/bench/README.md). Run where a long-running command
// starts and before a backup. "" when the file is sound, else the first problem SQLite names;
// an error when the check itself could not run (SQLite's own damage codes included).
Result<std::string> quick_check(Database& db);

// The damage record (DataDirPaths::damaged). damage_recorded() is a kIo error naming the
// recorded reason and what to do when the record exists, OK otherwise. record_damage() writes
// the record and returns that same error (damaged_database) for the command that found it.
Status damage_recorded(const DataDirPaths& paths);
Status record_damage(const DataDirPaths& paths, const std::string& reason);
Status clear_damage(const DataDirPaths& paths);

// The message for a damaged database: why, that nothing will be written into it, and how to
// get back to the last backup (or, without one, what to keep before starting afresh).
Status damaged_database(const DataDirPaths& paths, const std::string& why);

}  // namespace shelfnode::store
