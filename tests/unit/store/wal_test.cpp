// The data dir's WAL (src/store/README.md, "The WAL"): every commit syncs the WAL once and
// nothing else, from the first commit on and across what used to be the automatic checkpoint,
// while the file keeps its size and is overwritten in place. Syncs are counted by a VFS that
// wraps SQLite's own (sync_counting_vfs.h), so these are the calls SQLite really made.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <string>

#include "shelfnode/store/backup.h"
#include "shelfnode/store/database.h"
#include "shelfnode/store/schema.h"
#include "support/process.h"
#include "unit/store/sync_counting_vfs.h"

namespace shelfnode::store {
namespace {

using shelfnode::testing::sync_counts;
using shelfnode::testing::SyncCounts;

// A value spilling onto overflow pages: each commit writes about ten frames, so a few hundred
// commits cross SQLite's 1,000-frame checkpoint threshold several times.
const std::string kBulk(8000, 'x');

std::int64_t size_of(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 ? static_cast<std::int64_t>(st.st_size) : -1;
}

class Wal : public ::testing::Test {
 protected:
  void SetUp() override { shelfnode::testing::install_sync_counting_vfs(); }

  std::unique_ptr<Database> open(OpenMode mode = OpenMode::kReadWrite) {
    auto db = Database::open(path_, mode);
    EXPECT_TRUE(db.ok()) << db.status().message();
    return db.ok() ? std::move(db).value() : nullptr;
  }
  // A connection as a scan session holds it: the WAL prepared, checkpoints left to the caller.
  std::unique_ptr<Database> open_for_scans() {
    std::unique_ptr<Database> db = open();
    if (db == nullptr) return db;
    EXPECT_TRUE(db->exec("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT)").ok());
    db->defer_checkpoints();
    EXPECT_TRUE(db->prepare_wal().ok());
    return db;
  }
  // One committed transaction, and the syncs it cost.
  SyncCounts commit_one(Database& db) {
    const SyncCounts before = sync_counts();
    auto tx = Transaction::begin(db);
    EXPECT_TRUE(tx.ok()) << tx.status().message();
    if (!tx.ok()) return {};
    auto insert = db.prepare("INSERT INTO t (v) VALUES (?1)");
    EXPECT_TRUE(insert.ok() && insert->bind(1, kBulk).run().ok());
    EXPECT_TRUE((*tx)->commit().ok());
    return sync_counts() - before;
  }
  std::string wal() const { return path_ + "-wal"; }

  shelfnode::testing::TempDir dir_;
  std::string path_ = dir_.file("shelfnode.db");
};

TEST_F(Wal, EveryCommitSyncsTheWalOnceAcrossTheOldAutocheckpoint) {
  std::unique_ptr<Database> db = open_for_scans();
  ASSERT_NE(db, nullptr);
  const std::int64_t reserved = size_of(wal());
  EXPECT_GE(reserved, kWalReserveBytes);
  int checkpoints = 0;
  for (int i = 0; i < 400; ++i) {
    const SyncCounts c = commit_one(*db);
    ASSERT_EQ(c.wal, 1) << "commit " << i << " synced the WAL " << c.wal << " times";
    ASSERT_EQ(c.db, 0) << "commit " << i << " synced the database file";
    ASSERT_EQ(c.directory, 0) << "commit " << i << " synced the directory";
    if (db->checkpoint_need() == CheckpointNeed::kNone) continue;
    // As the scan session does once the reply is out.
    Result<CheckpointReport> r = db->checkpoint_idle();
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_EQ(r->backfilled, r->frames);
    EXPECT_TRUE(r->restarted);
    ++checkpoints;
  }
  EXPECT_GE(checkpoints, 3) << "the loop never crossed the checkpoint threshold";
  EXPECT_EQ(size_of(wal()), reserved) << "the WAL grew instead of being overwritten in place";
}

// What the above keeps away from commits: SQLite's own handling (a kDraft connection), where
// the commit that crosses 1,000 frames checkpoints inline and the next one restarts the WAL.
TEST_F(Wal, SqlitesAutomaticCheckpointWouldCostTheCommitThatCrossesItMore) {
  auto db = open(OpenMode::kDraft);
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(db->exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)").ok());
  int costlier = 0;
  for (int i = 0; i < 150; ++i) {
    const SyncCounts c = commit_one(*db);
    if (c.wal != 1 || c.db != 0 || c.directory != 0) ++costlier;
  }
  EXPECT_GE(costlier, 2) << "the first commit, then the one crossing 1,000 frames";
}

TEST_F(Wal, AReaderSnapshotHoldsBackTheRestartButNeverACommit) {
  std::unique_ptr<Database> db = open_for_scans();
  ASSERT_NE(db, nullptr);
  for (int i = 0; i < 5; ++i) ASSERT_EQ(commit_one(*db).wal, 1);
  auto reader = open(OpenMode::kReadOnly);
  ASSERT_NE(reader, nullptr);
  ASSERT_TRUE(reader->exec("BEGIN; SELECT count(*) FROM t;").ok());
  for (int i = 0; i < 20; ++i) ASSERT_EQ(commit_one(*db).wal, 1);

  const auto start = std::chrono::steady_clock::now();
  Result<CheckpointReport> held = db->checkpoint_idle();
  ASSERT_TRUE(held.ok()) << held.status().message();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2))
      << "the checkpoint waited for the reader";
  EXPECT_LT(held->backfilled, held->frames) << "frames the reader may still need were copied";
  EXPECT_FALSE(held->restarted);
  for (int i = 0; i < 5; ++i) {
    const SyncCounts c = commit_one(*db);
    ASSERT_EQ(c.wal, 1);
    ASSERT_EQ(c.db, 0);
  }

  ASSERT_TRUE(reader->exec("COMMIT").ok());
  Result<CheckpointReport> done = db->checkpoint_idle();
  ASSERT_TRUE(done.ok()) << done.status().message();
  EXPECT_EQ(done->backfilled, done->frames);
  EXPECT_TRUE(done->restarted);
  EXPECT_EQ(commit_one(*db).wal, 1);
}

TEST_F(Wal, TheWalKeepsItsSizeAfterTheLastConnectionClosed) {
  std::int64_t reserved = 0;
  {
    std::unique_ptr<Database> db = open_for_scans();
    ASSERT_NE(db, nullptr);
    reserved = size_of(wal());
    for (int i = 0; i < 10; ++i) ASSERT_EQ(commit_one(*db).wal, 1);
  }
  EXPECT_EQ(size_of(wal()), reserved);
  {
    auto reader = open(OpenMode::kReadOnly);
    ASSERT_NE(reader, nullptr);
    ASSERT_TRUE(reader->exec("SELECT count(*) FROM t").ok());
  }
  EXPECT_EQ(size_of(wal()), reserved) << "closing a reader removed or cut the WAL";

  // The next session, the first commit included: one sync, in place. (Without prepare_wal the
  // connection's first WAL sync would also sync the directory.)
  std::unique_ptr<Database> db = open_for_scans();
  ASSERT_NE(db, nullptr);
  const SyncCounts first = commit_one(*db);
  EXPECT_EQ(first.wal, 1);
  EXPECT_EQ(first.db, 0);
  EXPECT_EQ(first.directory, 0);
  EXPECT_EQ(size_of(wal()), reserved);
}

TEST_F(Wal, CommitsThatDoNotDeferKeepTheWalBoundedThemselves) {
  std::unique_ptr<Database> db = open();
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(db->exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)").ok());
  ASSERT_TRUE(db->prepare_wal().ok());
  const std::int64_t reserved = size_of(wal());
  for (int i = 0; i < 300; ++i) {
    commit_one(*db);
    ASSERT_LT(db->wal_frames() * 1048, kCheckpointIdleBytes + 64 * 1048) << "commit " << i;
  }
  EXPECT_EQ(size_of(wal()), reserved);
}

TEST_F(Wal, DraftsLeaveNoWalBeside) {
  ASSERT_TRUE(create_database(path_).ok());
  EXPECT_EQ(size_of(path_ + ".new-wal"), -1);
  EXPECT_EQ(size_of(path_ + ".new-shm"), -1);
  std::unique_ptr<Database> db = open();
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(migrate(*db).ok());
  ASSERT_TRUE(db->prepare_wal().ok());
  const std::string copy = dir_.file("backup.db");
  Result<BackupReport> r = backup_database(*db, copy);
  ASSERT_TRUE(r.ok()) << r.status().message();
  for (const char* leftover : {".tmp", ".tmp-wal", ".tmp-shm", "-wal", "-shm"}) {
    EXPECT_EQ(size_of(copy + leftover), -1) << leftover;
  }
  EXPECT_GE(size_of(wal()), kWalReserveBytes) << "the live WAL is kept";
}

}  // namespace
}  // namespace shelfnode::store
