#pragma once

#include <cstdint>
#include <string>

#include "shelfnode/core/result.h"
#include "shelfnode/store/data_dir.h"

namespace shelfnode::store {

struct RestoreReport {
  std::int64_t backup_movements = 0;
  std::string backup_written_at;
  std::int64_t salvaged = 0;  // the device's own movements after the backup, kept
  std::string salvage_stopped;  // why reading the damaged file stopped early ("" = it did not)
  std::string damaged_kept_as;  // where the replaced file went ("" = there was none)
};

// Puts the backup at `source` in place of the data dir's database. The caller holds the writer
// lock. Every step is safe to interrupt: the new database is built beside the old one and
// renamed in last.
//  1. `source` must pass quick_check and be of this build's schema or older (it is migrated).
//  2. The device's own movements newer than the backup (scans and commands, seq above the
//     backup's newest) are read from the damaged file while it can still be read, and replayed
//     in order: the backup is a prefix of the same ledger, so the replay gives the same stock.
//     Online order lines are not copied: the next sync pulls them again from Wix.
//  3. The next sync is made to reconcile (read every managed SKU back from Wix), because what
//     the backup believed Wix holds may be older than what the device pushed since.
//  4. The damaged files are kept beside it (shelfnode.db.damaged-<time>), the damage record
//     is removed.
Result<RestoreReport> restore_database(const DataDirPaths& paths, const std::string& source);

}  // namespace shelfnode::store
