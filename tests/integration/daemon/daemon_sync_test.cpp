// The daemon and Wix: rounds run in a worker beside the scanners, on their own after scans
// settle and through `shelfnode sync` (the "sync now" button), and a stalled round never holds
// up a scan's acknowledgement.
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "integration/daemon/daemon_fixture.h"

namespace shelfnode::daemon_test {
namespace {

using Clock = std::chrono::steady_clock;

class DaemonSyncTest : public DaemonTest {
 protected:
  // Connected to the V1 site, OAK-SHELF-60 counted at 5, a serial scanner selling in the
  // shop; the daemon's own start-up round and pull done.
  void connected_daemon(support::Pty& scanner, const std::string& sync_settings) {
    ASSERT_NO_FATAL_FAILURE(connect_device(support::kV1Site, support::kV1Key));
    ASSERT_NO_FATAL_FAILURE(ok({"count", "OAK-SHELF-60", "5", "--warehouse", "shop"}));
    write_config("[" + serial_scanner(scanner.slave(), "shop", "sell") + "]", sync_settings);
    ASSERT_NO_FATAL_FAILURE(start_daemon());
    ASSERT_TRUE(wait_for_wix("OAK-SHELF-60", 5, 20000)) << log();
    ASSERT_TRUE(idle(20000)) << log();
  }

  // Until Wix shows `quantity` for `sku`.
  bool wait_for_wix(const std::string& sku, std::int64_t quantity, int timeout_ms) {
    const auto end = Clock::now() + std::chrono::milliseconds(timeout_ms);
    while (Clock::now() < end) {
      auto rows = wix_rows(support::kV1Site);
      if (rows.count(sku) && rows.at(sku).quantity == quantity) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

  // Until the daemon runs no round (its start-up round and catalog pull are over).
  bool idle(int timeout_ms) {
    const auto end = Clock::now() + std::chrono::milliseconds(timeout_ms);
    while (Clock::now() < end) {
      JsonPtr st = status_json();
      const cJSON* round = cJSON_GetObjectItemCaseSensitive(
          cJSON_GetObjectItemCaseSensitive(st.get(), "daemon"), "round");
      if (cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(round, "running")) &&
          cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(round, "last_sync")) &&
          cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(round, "last_catalog_pull"))) {
        return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }
};

TEST_F(DaemonSyncTest, SyncWhileTheDaemonRunsPrintsTheDaemonsRound) {
  support::Pty scanner;
  ASSERT_NO_FATAL_FAILURE(connected_daemon(scanner, R"({"interval_seconds": 3600})"));
  ASSERT_NO_FATAL_FAILURE(ok({"receive", "OAK-SHELF-60", "2", "--warehouse", "shop"}));
  const sync_cli_test::SyncRun run = sync();
  EXPECT_EQ(run.result.exit_code, 0) << describe(run.result) << log();
  ASSERT_NE(run.json, nullptr);
  EXPECT_EQ(wix_rows(support::kV1Site).at("OAK-SHELF-60").quantity, 7);
  // The daemon ran it: its log has the asked round, its worker's PID is not this command's.
  EXPECT_TRUE(contains(log(), "event=round.start work=sync")) << log();
  EXPECT_TRUE(contains(log(), "asked=yes")) << log();
  // Text too, with the exit code of the round (nothing left to do: 0).
  const support::RunResult text = sn({"sync"});
  EXPECT_EQ(text.exit_code, 0) << describe(text);
  EXPECT_FALSE(text.out.empty());
  const support::RunResult bad = sn({"sync", "--reconcile", "--json"});
  EXPECT_EQ(bad.exit_code, 0) << describe(bad);
}

TEST_F(DaemonSyncTest, ScansReachWixOnTheirOwnAndCatchUpAfterAnOutage) {
  support::Pty scanner;
  ASSERT_NO_FATAL_FAILURE(
      connected_daemon(scanner, R"({"interval_seconds": 3600, "settle_seconds": 1})"));
  EXPECT_EQ(scan(scanner, "OAK-SHELF-60").substr(0, 3), "OK ");
  EXPECT_TRUE(wait_for_wix("OAK-SHELF-60", 4, 15000)) << "no round after the scan settled\n"
                                                      << log();
  // The network goes: scans are still acknowledged, the rounds fail and back off.
  ASSERT_NO_FATAL_FAILURE(wix_down("drop"));
  EXPECT_EQ(scan(scanner, "OAK-SHELF-60").substr(0, 3), "OK ");
  EXPECT_EQ(scan(scanner, "OAK-SHELF-60").substr(0, 3), "OK ");
  std::this_thread::sleep_for(std::chrono::seconds(3));
  EXPECT_TRUE(contains(log(), "event=round.end work=sync exit=75")) << log();
  // It comes back: Wix catches up with no command typed.
  ASSERT_EQ(admin("DELETE", "/_emulator/faults").status, 200);
  EXPECT_TRUE(wait_for_wix("OAK-SHELF-60", 2, 30000)) << log();
}

// The owner connects the device while the daemon already runs: `connect` replaces
// config.json, the daemon reloads it on its own and starts its rounds.
TEST_F(DaemonSyncTest, ConnectingWhileTheDaemonRunsStartsItsRounds) {
  ASSERT_NO_FATAL_FAILURE(offline_device());
  ASSERT_NO_FATAL_FAILURE(start_daemon());
  EXPECT_TRUE(contains(sn({"status"}).out, "rounds:       none (not connected to Wix)"));
  ASSERT_EQ(support::connect_device(dir(), *emulator_, support::kV1Site, support::kV1Key), "");
  std::string seen;
  EXPECT_TRUE(notify_->wait_for("READY=1", 10000, &seen)) << "no reload\n" << seen << log();
  EXPECT_TRUE(idle(30000)) << "no round after connecting\n" << log();
  EXPECT_TRUE(contains(log(), "event=config.changed")) << log();
  EXPECT_TRUE(contains(sn({"status"}).out, "rounds:       last sync ")) << log();
}

// Every Wix call takes 1.5 s: a round is running for seconds, scans are answered meanwhile
// as fast as when idle (the bound here is loose for a loaded CI machine; the benchmark
// measures the ratio).
// Processes whose parent is `pid` (from /proc, so a test needs no helper in the daemon).
std::vector<pid_t> children_of(pid_t pid) {
  std::vector<pid_t> out;
  std::ifstream list("/proc/" + std::to_string(pid) + "/task/" + std::to_string(pid) + "/children");
  for (pid_t child = 0; list >> child;) out.push_back(child);
  return out;
}

// The nice value: field 19 of /proc/PID/stat, counted after the ')' that ends the name.
int nice_of(pid_t pid) {
  const std::string text = support::read_file("/proc/" + std::to_string(pid) + "/stat");
  std::istringstream fields(text.substr(text.rfind(')') + 2));
  std::string field;
  for (int i = 3; i <= 19 && fields >> field; ++i) {
  }
  return std::atoi(field.c_str());
}

TEST_F(DaemonSyncTest, AStalledRoundNeverHoldsUpAScan) {
  support::Pty scanner;
  ASSERT_NO_FATAL_FAILURE(connected_daemon(scanner, R"({"interval_seconds": 3600})"));
  ASSERT_EQ(admin("POST", "/_emulator/faults",
                  R"({"kind": "latency", "path": "/*", "count": 6, "ms": 1500})")
                .status,
            200);
  support::Child asker({support::shelfnode_bin(), "--data-dir", dir(), "sync", "--json"});
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  JsonPtr st = status_json();
  const cJSON* round = cJSON_GetObjectItemCaseSensitive(
      cJSON_GetObjectItemCaseSensitive(st.get(), "daemon"), "round");
  ASSERT_TRUE(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(round, "running"))) << log();
  // The worker runs below the daemon's priority, so its parsing cannot take the CPU the scan
  // loop needs on a board's one or two cores.
  const std::vector<pid_t> workers = children_of(daemon_->pid());
  ASSERT_EQ(workers.size(), 1u) << "the round's worker";
  EXPECT_EQ(nice_of(workers[0]), nice_of(daemon_->pid()) + 10);
  for (int i = 0; i < 5; ++i) {
    const auto start = Clock::now();
    EXPECT_EQ(scan(scanner, "OAK-SHELF-60").substr(0, 3), "OK ");
    EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(500)) << "scan " << i;
  }
  EXPECT_EQ(asker.wait(60000), 0) << log();
}

}  // namespace
}  // namespace shelfnode::daemon_test
