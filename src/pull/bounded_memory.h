#pragma once

#include <string>

#include "shelfnode/store/database.h"

namespace shelfnode::pull {

// While alive, the connection reads through SQLite's own page cache, bounded to
// kBoundedCacheKiB, instead of mmap. A pull touches pages all over the database file, and so
// do the report's scans: read through mmap, every page touched would stay resident and
// count towards the process's memory, which would then grow with the catalog. The previous
// settings come back when this goes away.
class BoundedMemory {
 public:
  static constexpr int kBoundedCacheKiB = 512;

  explicit BoundedMemory(store::Database& db);
  ~BoundedMemory();
  BoundedMemory(const BoundedMemory&) = delete;
  BoundedMemory& operator=(const BoundedMemory&) = delete;

 private:
  store::Database& db_;
  std::string restore_;  // "PRAGMA mmap_size=..; PRAGMA cache_size=..;" ("" = nothing to do)
};

}  // namespace shelfnode::pull
