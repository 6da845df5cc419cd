#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "shelfnode/store/database.h"
#include "support/process.h"

namespace shelfnode::store {
namespace {

using Clock = std::chrono::steady_clock;

std::unique_ptr<Database> open_db(const std::string& path) {
  auto db = Database::open(path, OpenMode::kReadWrite);
  EXPECT_TRUE(db.ok()) << db.status().message();
  return std::move(db).value();
}

// Two connections on one database: the daemon's, which acknowledges scans and waits finely,
// and a worker's.
class FineBusyWait : public ::testing::Test {
 protected:
  void SetUp() override {
    scans_ = open_db(dir_.file("t.db"));
    worker_ = open_db(dir_.file("t.db"));
    ASSERT_TRUE(scans_->exec("CREATE TABLE t (v INTEGER)").ok());
    scans_->wait_finely_when_busy();
  }
  shelfnode::testing::TempDir dir_;
  std::unique_ptr<Database> scans_;
  std::unique_ptr<Database> worker_;
};

// The other writer (a sync worker's page commit) holds the write lock for 60 ms; the scan
// connection's insert waits for it and lands, even after checkpoint_idle(), which turns the
// wait off for its own step and must put the fine one back.
TEST_F(FineBusyWait, WaitsForTheOtherWriterAndSurvivesACheckpoint) {
  ASSERT_TRUE(scans_->checkpoint_idle().ok());

  ASSERT_TRUE(worker_->exec("BEGIN IMMEDIATE; INSERT INTO t VALUES (1)").ok());
  std::thread release([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(60));
    EXPECT_TRUE(worker_->exec("COMMIT").ok());
  });
  const auto start = Clock::now();
  const Status s = scans_->exec("INSERT INTO t VALUES (2)");
  const auto waited = Clock::now() - start;
  release.join();
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_GE(waited, std::chrono::milliseconds(50)) << "the lock was not held: nothing tested";
  // SQLite's own wait sleeps 1, 2, 5, 10, 15, 20 ms: 6 sleeps in 60 ms, and counts none here.
  EXPECT_GE(scans_->busy_waits(), 15) << "the fine wait was not in effect";
  auto count = scans_->prepare("SELECT count(*) FROM t");
  ASSERT_TRUE(count.ok());
  ASSERT_TRUE(*count->step());
  EXPECT_EQ(count->int_at(0), 2);
}

// Fine steps must not give up sooner than SQLite's own timeout (5 s): a scan is refused as
// busy only when the other writer really hangs, and then it says so.
TEST_F(FineBusyWait, GivesUpAfterTheSameTimeoutAndSaysTheDatabaseIsBusy) {
  ASSERT_TRUE(worker_->exec("BEGIN IMMEDIATE; INSERT INTO t VALUES (1)").ok());
  const auto start = Clock::now();
  const Status s = scans_->exec("INSERT INTO t VALUES (2)");
  const auto waited = Clock::now() - start;
  EXPECT_TRUE(worker_->exec("ROLLBACK").ok());
  EXPECT_EQ(s.code(), Code::kConflict);
  EXPECT_NE(s.message().find("busy"), std::string::npos) << s.message();
  EXPECT_GE(waited, std::chrono::milliseconds(4900));
  EXPECT_LT(waited, std::chrono::seconds(30)) << "it never gave up";
}

}  // namespace
}  // namespace shelfnode::store
