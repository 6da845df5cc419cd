#pragma once

#include <cstdint>
#include <optional>
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
  // Set when the copy failed its check: the live database is damaged (a page-for-page copy of
  // a damaged file is damaged too), this says how, and the previous backup was kept.
  std::string damage;
  std::int64_t movements = 0;  // in the copy
  std::int64_t last_seq = 0;   // the newest movement in the copy (0: none)
  std::int64_t bytes = 0;
};

// Copies the live database to `dest` with SQLite's online backup API, so that `dest` is
// always a whole, checked copy: the copy is made at `dest`.tmp, checked with quick_check
// (which, being a copy of every page, checks the live file too: see BackupReport::damage),
// synced, and renamed over `dest`. A crash at any moment leaves the previous backup in place.
Result<BackupReport> backup_database(Database& live, const std::string& dest);

// When the backup at `path` was written (its mtime, ms since the epoch); nullopt when there
// is none. One stat, for messages that name the backup's time.
std::optional<std::int64_t> backup_written_ms(const std::string& path);

// The newest movement in the backup at `path` and when it was written, without changing it;
// kNotFound when there is none.
struct BackupInfo {
  std::int64_t last_seq = 0;
  std::int64_t movements = 0;
  std::int64_t written_ms = 0;
};
Result<BackupInfo> read_backup_info(const std::string& path);

}  // namespace shelfnode::store
