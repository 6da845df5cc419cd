// A scan session at the till and a `sync` from cron work side by side on one data dir; only a
// second Wix round at the same time is refused (75, naming the first round's PID), and the
// till's scans are acknowledged while a round waits on a slow Wix.
#include <chrono>

#include "integration/sync_cli/sync_cli_fixture.h"

namespace shelfnode::sync_cli_test {
namespace {

constexpr int kTimeoutMs = 30000;

using SideBySideTest = SyncCliTest;

TEST_F(SideBySideTest, TheTillScansWhileARoundWaitsAndASecondRoundIsRefused) {
  ASSERT_NO_FATAL_FAILURE(connect_device(support::kV1Site, support::kV1Key));
  ASSERT_EQ(sn({"receive", "APRON-L", "4", "--warehouse", "shop"}).exit_code, 0);
  // Every Wix call of the round takes 1.5 s: the round is surely still running below.
  ASSERT_EQ(admin("POST", "/_emulator/faults",
                  R"({"kind": "latency", "path": "/*", "count": 4, "ms": 1500})")
                .status,
            200);
  support::Child round({support::shelfnode_bin(), "--data-dir", dir(), "sync", "--json"});

  // The till: a scan session opened during the round, each scan acknowledged at once.
  support::Child till({support::shelfnode_bin(), "--data-dir", dir(), "scan", "--warehouse",
                       "shop", "--mode", "sell"});
  for (int i = 0; i < 3; ++i) {
    const auto start = std::chrono::steady_clock::now();
    ASSERT_TRUE(till.write_stdin("APRON-L\n"));
    std::string reply;
    ASSERT_TRUE(till.read_line(reply, kTimeoutMs)) << "no reply to scan " << i;
    EXPECT_EQ(reply.substr(0, 3), "OK ") << reply;
    const auto waited = std::chrono::steady_clock::now() - start;
    EXPECT_LT(waited, std::chrono::milliseconds(1000)) << "a scan waited for the round";
  }
  till.close_stdin();
  EXPECT_EQ(till.wait(kTimeoutMs), 0);

  const support::RunResult second = sn({"sync"});
  EXPECT_EQ(second.exit_code, 75) << describe(second);
  EXPECT_TRUE(contains(second.err, "a Wix round is already running")) << second.err;
  EXPECT_TRUE(contains(second.err, "(PID " + std::to_string(round.pid()) + " sync)"))
      << second.err;

  const int first = round.wait(kTimeoutMs);
  EXPECT_TRUE(first == 0 || first == 75) << "the first round exited " << first;
  // The next round pushes what the till sold during the first: 4 - 3 = 1.
  ASSERT_EQ(admin("DELETE", "/_emulator/faults").status, 200);
  const SyncRun after = sync();
  EXPECT_EQ(after.result.exit_code, 0) << describe(after.result);
  EXPECT_EQ(wix_rows(support::kV1Site).at("APRON-L").quantity, 1);
}

}  // namespace
}  // namespace shelfnode::sync_cli_test
