#pragma once

#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace shelfnode::bench {

// What the sync-counter preload library saw in one process (see sync_counter.cpp).
struct SyncCounts {
  bool known = false;  // false: the library was not loaded or the process did not exit cleanly
  long wal = 0;        // fsync + fdatasync on the *.db-wal file
  long db = 0;         // ... on the *.db file
  long other = 0;      // ... on anything else (a directory when a file in it was created)
  long fsync_calls = 0;
  long fdatasync_calls = 0;
  // Batches acknowledged: stdout flushed after their commit, one commit each.
  long flushes = 0;
  // Of them, those that began with scans arriving (all of them when scans come one at a
  // time), by the syncs made between the scans' arrival and their replies' flush:
  // {wal, db, other} -> batches. The last bucket of each is "3 or more".
  std::map<std::tuple<int, int, int>, long> acked;

  long commits() const { return flushes; }
  long sorted_batches() const;
  // The syncs no acknowledgement waited for (checkpoints after the replies, the session's
  // start and close), as "wal=N db=N other=N"; exact when every batch was sorted.
  std::string off_the_ack_path() const;
  // "1,998 after 1 WAL sync; 2 after 2 WAL + 1 database" and so on.
  std::string describe_acks() const;
  std::string describe() const;
};

// Environment entries that load the counter into a child and name its report file; empty
// when the library was not built (then counts stay unknown).
std::vector<std::string> sync_counter_env(const std::string& report_path);

SyncCounts read_sync_counts(const std::string& report_path);

}  // namespace shelfnode::bench
