// A damaged database is never written into, every command says so and how to restore, and a
// restore from the backup brings back every acknowledged scan: those in the backup, and those
// after it that the damaged file still gives.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>

#include "fault_env.h"

namespace shelfnode::fault {
namespace {

namespace support = shelfnode::testing;

class DamagedDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(make_shop(data_.path(), scratch_.path()), ""); }

  std::string db() const { return data_.path() + "/shelfnode.db"; }
  support::RunResult sn(const std::vector<std::string>& args, const std::string& input = "") {
    return support::shelfnode(data_.path(), args, input);
  }
  // Scans `n` lines of SKU-01..SKU-50 (receive); every one must be acknowledged.
  void scan_acknowledged(int n) {
    std::string lines;
    for (int i = 0; i < n; ++i) lines += sku_name(i % kSkuCount + 1) + "\n";
    support::RunResult r = sn({"scan", "--warehouse", "shop", "--mode", "receive"}, lines);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    ASSERT_EQ(collect_acks(r.out, acked_), n);
  }
  // Overwrites the root page of the order-reference index, which a scan never touches: only a
  // check of the whole file finds this damage.
  void damage_an_index_page() {
    sqlite3* h = nullptr;
    ASSERT_EQ(sqlite3_open_v2(db().c_str(), &h, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* s = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(
                  h, "SELECT rootpage FROM sqlite_master WHERE name = 'movements_reference'", -1,
                  &s, nullptr),
              SQLITE_OK);
    ASSERT_EQ(sqlite3_step(s), SQLITE_ROW);
    const long page = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    sqlite3_close(h);
    std::FILE* f = std::fopen(db().c_str(), "r+b");
    ASSERT_NE(f, nullptr);
    ASSERT_EQ(std::fseek(f, (page - 1) * 1024, SEEK_SET), 0);
    const std::string junk(1024, '\xA5');
    ASSERT_EQ(std::fwrite(junk.data(), 1, junk.size(), f), junk.size());
    std::fclose(f);
  }
  void expect_damaged(const support::RunResult& r, const std::string& why) {
    EXPECT_EQ(r.exit_code, 74) << r.out << r.err;
    EXPECT_TRUE(contains(r.err, "the database is damaged")) << r.err;
    EXPECT_TRUE(contains(r.err, why)) << r.err;
    EXPECT_TRUE(contains(r.err, "restore")) << r.err;
    EXPECT_FALSE(contains(r.out, "OK ")) << r.out;
  }

  support::TempDir data_, scratch_;
  AckedMovements acked_;
};

TEST_F(DamagedDatabaseTest, NothingWritesIntoItAndRestoreBringsEveryAcknowledgedScanBack) {
  scan_acknowledged(300);
  ASSERT_EQ(sn({"backup"}).exit_code, 0);
  scan_acknowledged(40);  // after the backup: only the damaged file has these
  damage_an_index_page();
  const std::int64_t stored = movement_count(data_.path());

  expect_damaged(sn({"scan", "--warehouse", "shop", "--mode", "receive"}, "SKU-01\n"),
                 "SQLite's check found");
  // Once found, the damage is recorded: every command refuses, readers and writers alike.
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"receive", "SKU-01", "1", "--warehouse", "shop"},
           {"stock"},
           {"catalog", "find", "SKU-01"},
           {"status"},
           {"init"},
           {"warehouse", "add", "annex"},
           {"backup"}}) {
    SCOPED_TRACE(args[0]);
    expect_damaged(sn(args), "SQLite's check found");
  }
  EXPECT_EQ(movement_count(data_.path()), stored);

  support::RunResult r = sn({"restore"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "300 movements")) << r.out;
  EXPECT_TRUE(contains(r.out, "kept 40 scans and commands made after the backup")) << r.out;
  EXPECT_EQ(ledger_violations(data_.path(), acked_), std::vector<std::string>{});
  EXPECT_EQ(sn({"stock"}).exit_code, 0);
  scan_acknowledged(5);
  EXPECT_EQ(ledger_violations(data_.path(), acked_), std::vector<std::string>{});
}

TEST_F(DamagedDatabaseTest, AVoidMadeAfterTheBackupComesBackWithItsLinkAndReason) {
  scan_acknowledged(20);
  ASSERT_EQ(sn({"backup"}).exit_code, 0);
  scan_acknowledged(1);
  support::RunResult v = sn({"void", "--last", "--warehouse", "shop", "--reason", "mis-scan"});
  ASSERT_EQ(v.exit_code, 0) << v.err;
  const std::string stock_before = sn({"stock", "--json"}).out;
  damage_an_index_page();
  ASSERT_EQ(sn({"scan", "--warehouse", "shop", "--mode", "receive"}, "SKU-01\n").exit_code, 74);
  support::RunResult r = sn({"restore"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "kept 2 scans and commands made after the backup")) << r.out;
  EXPECT_EQ(sn({"stock", "--json"}).out, stock_before);
  const std::string history = sn({"history", "--limit", "2", "--json"}).out;
  EXPECT_TRUE(contains(history, "\"kind\":\"void\"")) << history;
  EXPECT_TRUE(contains(history, "\"note\":\"mis-scan\"")) << history;
  EXPECT_TRUE(contains(history, "\"voided_by\":\"" + v.out.substr(3, 36) + "\"")) << history;
}

TEST_F(DamagedDatabaseTest, AnEmptyDatabaseFileIsDamageNotANewInstall) {
  scan_acknowledged(10);
  ASSERT_EQ(sn({"backup"}).exit_code, 0);
  ASSERT_EQ(truncate(db().c_str(), 0), 0);
  (void)unlink((db() + "-wal").c_str());
  expect_damaged(sn({"init"}), "is empty (0 bytes)");
  expect_damaged(sn({"stock"}), "is empty (0 bytes)");
  ASSERT_EQ(sn({"restore"}).exit_code, 0);
  EXPECT_EQ(ledger_violations(data_.path(), acked_), std::vector<std::string>{});
}

TEST_F(DamagedDatabaseTest, AMissingDatabaseBesideABackupIsNotStartedAfresh) {
  scan_acknowledged(10);
  ASSERT_EQ(sn({"backup"}).exit_code, 0);
  for (const char* suffix : {"", "-wal", "-shm"}) (void)unlink((db() + suffix).c_str());
  support::RunResult r = sn({"init"});
  EXPECT_EQ(r.exit_code, 74) << r.out << r.err;
  EXPECT_TRUE(contains(r.err, "is missing but")) << r.err;
  ASSERT_EQ(sn({"restore"}).exit_code, 0);
  EXPECT_EQ(ledger_violations(data_.path(), acked_), std::vector<std::string>{});
}

TEST_F(DamagedDatabaseTest, ADamagedDatabaseNeverReplacesAGoodBackup) {
  scan_acknowledged(10);
  ASSERT_EQ(sn({"backup"}).exit_code, 0);
  const std::string good = support::read_file(data_.path() + "/shelfnode-backup.db");
  damage_an_index_page();
  expect_damaged(sn({"backup"}), "SQLite's check found");
  EXPECT_EQ(support::read_file(data_.path() + "/shelfnode-backup.db"), good);
}

TEST_F(DamagedDatabaseTest, ADamagedBackupIsRefusedAndNothingChanges) {
  scan_acknowledged(10);
  const std::string copy = scratch_.file("copy.db");
  ASSERT_EQ(sn({"backup", "--to", copy}).exit_code, 0);
  support::write_file(copy, support::read_file(copy).substr(0, 2048));
  support::RunResult r = sn({"restore", "--from", copy});
  EXPECT_EQ(r.exit_code, 74) << r.out << r.err;
  EXPECT_TRUE(contains(r.err, "cannot be used")) << r.err;
  EXPECT_EQ(ledger_violations(data_.path(), acked_), std::vector<std::string>{});
  EXPECT_EQ(sn({"stock"}).exit_code, 0);
}

}  // namespace
}  // namespace shelfnode::fault
