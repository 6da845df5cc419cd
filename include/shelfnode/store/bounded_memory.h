#pragma once

#include <string>

#include "shelfnode/store/database.h"

namespace shelfnode::store {

// While alive, the connection reads through SQLite's own page cache, bounded to
// kBoundedCacheKiB, instead of mmap. For work that touches pages all over the database file
// (a catalog pull and its report, a sync round planning every managed SKU): read through
// mmap, every page touched would stay resident and count towards the process's memory,
// which would then grow with the catalog and the ledger. Lookups keep mmap, where it saves
// read() calls. The previous settings come back when this goes away. A process that stays up
// (the daemon) holds one for its life, with a smaller cache: its reads are one-row lookups.
class BoundedMemory {
 public:
  static constexpr int kBoundedCacheKiB = 512;

  explicit BoundedMemory(Database& db, int cache_kib = kBoundedCacheKiB);
  ~BoundedMemory();
  BoundedMemory(const BoundedMemory&) = delete;
  BoundedMemory& operator=(const BoundedMemory&) = delete;

 private:
  Database& db_;
  std::string restore_;  // "PRAGMA mmap_size=..; PRAGMA cache_size=..;" ("" = nothing to do)
};

}  // namespace shelfnode::store
