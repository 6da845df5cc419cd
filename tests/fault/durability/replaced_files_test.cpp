// A writer whose database, WAL or shared-memory index is deleted or replaced at its path keeps
// writing into the old, unlinked file: every commit after that is gone when the process ends,
// although SQLite reported success. The writer must notice and stop acknowledging.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>

#include "fault_env.h"

namespace shelfnode::fault {
namespace {

namespace support = shelfnode::testing;

constexpr int kTimeoutMs = 10000;

class ReplacedFilesTest : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override { ASSERT_EQ(make_shop(data_.path(), scratch_.path()), ""); }
  std::string db_file(const std::string& suffix) const {
    return data_.path() + "/shelfnode.db" + suffix;
  }
  support::TempDir data_, scratch_;
};

// Sends `n` scans one at a time; collects the OKs and returns the replies.
std::vector<std::string> scan_some(support::Child& child, int first, int n,
                                   AckedMovements& acked) {
  std::vector<std::string> replies;
  for (int i = first; i < first + n; ++i) {
    EXPECT_TRUE(child.write_stdin(sku_name(i % kSkuCount + 1) + "\n"));
    std::string reply;
    EXPECT_TRUE(child.read_line(reply, kTimeoutMs)) << "no reply to scan " << i;
    collect_acks(reply + "\n", acked);
    replies.push_back(reply);
  }
  return replies;
}

TEST_P(ReplacedFilesTest, NothingIsAcknowledgedOnceAFileIsNoLongerTheOneAtItsPath) {
  const std::string suffix = GetParam();
  support::Child scan(scan_argv(data_.path()));
  AckedMovements acked;
  for (const std::string& r : scan_some(scan, 0, 20, acked)) ASSERT_EQ(r.rfind("OK ", 0), 0u) << r;

  // Deleted, or (for the database itself) replaced by another file with the same content.
  if (suffix == "replace") {
    const std::string copy = db_file(".copy");
    ASSERT_EQ(support::run({"cp", db_file(""), copy}).exit_code, 0);
    ASSERT_EQ(std::rename(copy.c_str(), db_file("").c_str()), 0);
  } else {
    ASSERT_EQ(unlink(db_file(suffix).c_str()), 0) << db_file(suffix);
  }

  // The commit that finds out is still saved (and acknowledged); none after it.
  std::vector<std::string> after = scan_some(scan, 20, 41, acked);
  EXPECT_EQ(after.front().rfind("OK ", 0), 0u) << after.front();
  after.erase(after.begin());
  for (const std::string& r : after) {
    EXPECT_EQ(r.rfind("ERR ", 0), 0u) << r;
  }
  EXPECT_NE(after.front().find(suffix == "replace" ? "was replaced while this shelfnode was "
                                                     "writing to it"
                                                   : "was deleted while this shelfnode was "
                                                     "writing to it"),
            std::string::npos)
      << after.front();
  scan.kill_now(SIGKILL);
  EXPECT_EQ(scan.wait(kTimeoutMs), 128 + SIGKILL);

  // Every OK given (the 21 since the start) was saved: into the database at its path, or,
  // when that was the file taken away, into a rescued copy that `restore` can put back.
  EXPECT_EQ(acked.size(), 21u);
  if (suffix == "replace" || suffix.empty()) {
    const std::string& msg = after.front();
    const std::size_t at = msg.find("restore --from ");
    ASSERT_NE(at, std::string::npos) << msg;
    const std::string rescued = msg.substr(at + 15, msg.find('`', at) - at - 15);
    for (const char* f : {"", "-wal", "-shm"}) (void)unlink(db_file(f).c_str());
    ASSERT_EQ(std::rename(rescued.c_str(), db_file("").c_str()), 0) << rescued;
  } else {
    EXPECT_NE(after.front().find("everything acknowledged until now was saved into"),
              std::string::npos)
        << after.front();
  }
  EXPECT_EQ(ledger_violations(data_.path(), acked), std::vector<std::string>{});
}

INSTANTIATE_TEST_SUITE_P(EachFile, ReplacedFilesTest,
                         ::testing::Values("-wal", "-shm", "", "replace"),
                         [](const ::testing::TestParamInfo<const char*>& info) {
                           const std::string s = info.param;
                           if (s == "-wal") return std::string("Wal");
                           if (s == "-shm") return std::string("Shm");
                           if (s.empty()) return std::string("Database");
                           return std::string("DatabaseReplaced");
                         });

}  // namespace
}  // namespace shelfnode::fault
