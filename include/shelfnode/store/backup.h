#pragma once

#include <cstdint>
#include <string>

#include "shelfnode/core/result.h"
#include "shelfnode/store/data_dir.h"
#include "shelfnode/store/database.h"

namespace shelfnode::store {

struct LedgerCounts {
  std::int64_t movements = 0;
  std::int64_t last_seq = 0;  // the newest movement's seq (0: none)
};
Result<LedgerCounts> count_ledger(Database& db);

// Copies every page of `from` into a new self-contained file `to` (rollback journal, no WAL),
// through SQLite's online backup API, in steps that let a writer in between.
Status copy_database(Database& from, const std::string& to);

struct BackupReport {
  std::int64_t movements = 0;  // in the copy
  std::int64_t last_seq = 0;   // the newest movement in the copy (0: none)
  std::int64_t bytes = 0;
};

// Copies the live database to `dest` with SQLite's online backup API, so that `dest` is
// always a whole, checked copy: the copy is made at `dest`.tmp, checked with quick_check
// (a page-for-page copy of a damaged file is damaged too: then the old backup is kept and the
// damage is reported as kIo with the reason), synced, and renamed over `dest`. A crash at any
// moment leaves the previous backup in place.
Result<BackupReport> backup_database(Database& live, const std::string& dest);

// The newest movement in the backup at `path` and when it was written, without changing it;
// kNotFound when there is none.
struct BackupInfo {
  std::int64_t last_seq = 0;
  std::int64_t movements = 0;
  std::string written_at;  // UTC, from the file's mtime
};
Result<BackupInfo> read_backup_info(const std::string& path);

}  // namespace shelfnode::store
