#include "shelfnode/store/bounded_memory.h"

#include <gtest/gtest.h>

#include "support/process.h"

namespace shelfnode::store {
namespace {

std::int64_t pragma(Database& db, const char* name) {
  auto s = db.prepare(std::string("PRAGMA ") + name);
  EXPECT_TRUE(s.ok());
  EXPECT_TRUE(*s->step());
  return s->int_at(0);
}

TEST(BoundedMemory, MmapOffAndABoundedCacheWhileAliveThenTheSettingsComeBack) {
  shelfnode::testing::TempDir dir;
  auto db = Database::open(dir.file("t.db"), OpenMode::kReadWrite);
  ASSERT_TRUE(db.ok()) << db.status().message();
  const std::int64_t mmap = pragma(**db, "mmap_size");
  const std::int64_t cache = pragma(**db, "cache_size");
  ASSERT_GT(mmap, 0) << "connections read through mmap by default";
  {
    BoundedMemory bounded(**db);
    EXPECT_EQ(pragma(**db, "mmap_size"), 0);
    EXPECT_EQ(pragma(**db, "cache_size"), -BoundedMemory::kBoundedCacheKiB);
    {
      BoundedMemory nested(**db);  // restores the bounded settings, not the defaults
      EXPECT_EQ(pragma(**db, "mmap_size"), 0);
    }
    EXPECT_EQ(pragma(**db, "mmap_size"), 0);
    EXPECT_EQ(pragma(**db, "cache_size"), -BoundedMemory::kBoundedCacheKiB);
  }
  EXPECT_EQ(pragma(**db, "mmap_size"), mmap);
  EXPECT_EQ(pragma(**db, "cache_size"), cache);
}

// The daemon holds a smaller cache for its life; work nested inside it gets its own and gives
// the daemon's back.
TEST(BoundedMemory, ACacheSizeOfItsOwnNestsAndComesBack) {
  shelfnode::testing::TempDir dir;
  auto db = Database::open(dir.file("t.db"), OpenMode::kReadWrite);
  ASSERT_TRUE(db.ok()) << db.status().message();
  BoundedMemory for_life(**db, 128);
  EXPECT_EQ(pragma(**db, "cache_size"), -128);
  {
    BoundedMemory nested(**db);
    EXPECT_EQ(pragma(**db, "cache_size"), -BoundedMemory::kBoundedCacheKiB);
  }
  EXPECT_EQ(pragma(**db, "cache_size"), -128);
  EXPECT_EQ(pragma(**db, "mmap_size"), 0);
}

}  // namespace
}  // namespace shelfnode::store
