#pragma once

#include <string>
#include <vector>

namespace shelfnode::bench {

// What the sync-counter preload library saw in one process (see sync_counter.cpp).
struct SyncCounts {
  bool known = false;  // false: the library was not loaded or the process did not exit cleanly
  long wal = 0;        // fsync + fdatasync on the *.db-wal file
  long db = 0;         // ... on the *.db file
  long other = 0;      // ... on anything else
  long fsync_calls = 0;
  long fdatasync_calls = 0;

  // SQLite in WAL mode with synchronous=FULL syncs the WAL once per commit. Each checkpoint
  // syncs the WAL and then the database once; each time the WAL starts afresh (first write,
  // and after every checkpoint but the one on close) its header is synced once more. Starts
  // and checkpoints are equally many, so commits = wal - 2*db (the benchmarks check this
  // against runs whose commit count is known).
  long inferred_commits() const { return wal - 2 * db; }
  std::string describe() const;
};

// Environment entries that load the counter into a child and name its report file; empty
// when the library was not built (then counts stay unknown).
std::vector<std::string> sync_counter_env(const std::string& report_path);

SyncCounts read_sync_counts(const std::string& report_path);

}  // namespace shelfnode::bench
