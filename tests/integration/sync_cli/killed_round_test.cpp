// A `sync` killed with SIGKILL between the calls of a round that spans several slices
// (1200 changed SKUs: three slices of 500, four increment calls of 300). The first call has
// landed and been recorded; the second is held in the emulator by a latency fault when the
// kill comes, so it lands after the process is gone, unanswered; the SKUs of the last slice
// have not been planned yet. Later rounds must read back only what was in flight, push the
// rest, and leave every SKU's quantity in Wix exactly one up: a change applied twice would
// show as two.
#include <chrono>
#include <csignal>
#include <thread>

#include "integration/sync_cli/sync_cli_fixture.h"

namespace shelfnode::sync_cli_test {
namespace {

constexpr const char* kIncrement = "/stores/v2/inventoryItems/increment";
constexpr int kLatencyMs = 3000;

std::string sku_of(int i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "GEN1-%06d", i);
  return buf;
}

class KilledRoundTest : public SyncCliTest {
 protected:
  static int increments_logged() {
    JsonPtr log = requests();
    int n = 0;
    const cJSON* r = nullptr;
    cJSON_ArrayForEach(r, member(log.get(), "requests")) {
      if (text_of(r, "path") == kIncrement) ++n;
    }
    return n;
  }
};

TEST_F(KilledRoundTest, AKillBetweenSlicesConvergesWithEveryChangeAppliedOnce) {
  ASSERT_NO_FATAL_FAILURE(connect_device(kGenV1Site, kGenKey));
  std::string count, receive;
  std::map<std::string, std::int64_t> expected;
  for (int i = 0; i < kGeneratedSkus; ++i) {
    count += sku_of(i) + "*" + std::to_string(10 + i % 40) + "\n";
    receive += sku_of(i) + "\n";
    expected[sku_of(i)] = 10 + i % 40 + 1;
  }
  support::RunResult r = sn({"scan", "--warehouse", "shop", "--mode", "count"}, count);
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  int exit = -1;
  for (int round = 0; round < 6 && exit != 0; ++round) exit = sync().result.exit_code;
  ASSERT_EQ(exit, 0);
  r = sn({"scan", "--warehouse", "shop", "--mode", "receive"}, receive);
  ASSERT_EQ(r.exit_code, 0) << describe(r);

  ASSERT_EQ(admin("POST", "/_emulator/requests/clear").status, 200);
  ASSERT_EQ(admin("POST", "/_emulator/faults",
                  std::string(R"({"kind":"latency","path":")") + kIncrement +
                      R"(","skip":1,"count":1,"ms":)" + std::to_string(kLatencyMs) + "}")
                .status,
            200);
  {
    support::Child child({support::shelfnode_bin(), "--data-dir", dir(), "sync", "--json"});
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (increments_logged() < 1 && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ASSERT_EQ(increments_logged(), 1) << "the first increment call never came";
    // The second call is now asleep in the emulator: kill the round in the middle of it.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    child.kill_now(SIGKILL);
    EXPECT_EQ(child.wait(10'000), 128 + SIGKILL);
  }
  // Let the held call land (or not) before anything else reads Wix.
  std::this_thread::sleep_for(std::chrono::milliseconds(kLatencyMs + 500));
  const std::map<std::string, WixRow> mid = wix_rows(kGenV1Site);
  EXPECT_EQ(mid.at(sku_of(0)).quantity, expected[sku_of(0)]) << "the first call had landed";
  EXPECT_EQ(mid.at(sku_of(kGeneratedSkus - 1)).quantity, expected[sku_of(kGeneratedSkus - 1)] - 1)
      << "the last slice was not reached before the kill";

  exit = -1;
  for (int round = 0; round < 4 && exit != 0; ++round) exit = sync().result.exit_code;
  ASSERT_EQ(exit, 0) << "no convergence after the kill";
  const std::map<std::string, WixRow> rows = wix_rows(kGenV1Site);
  int wrong = 0;
  for (const auto& [sku, want] : expected) {
    auto it = rows.find(sku);
    const std::int64_t got = it == rows.end() ? -1 : it->second.quantity;
    if (got != want && ++wrong <= 5)
      ADD_FAILURE() << sku << ": Wix has " << got << ", want " << want;
  }
  EXPECT_EQ(wrong, 0) << "SKUs whose change was lost or applied twice";
}

}  // namespace
}  // namespace shelfnode::sync_cli_test
