// SIGKILL at hundreds of random moments of a scan session (DESIGN §4 invariants 1 and 2).
//
// Method. One data dir lives through every round. A round starts `shelfnode scan` in it, streams
// scans (single lines, small groups, bursts of hundreds that the device commits as one group,
// some with *QTY, some it must refuse) while a reader thread collects the replies, and kills the
// process with SIGKILL at a moment drawn from a seeded PRNG: during start-up, after a random
// delay, right after the K-th reply, or just after a burst was written. Replies arrive in input
// order, so reply i is checked against line i. Every "OK <uuid> <sku> <qty>" read before the
// death is a promise; every 20 rounds and at the end the ledger is opened read-only and must
// keep all of them (OK => stored, same SKU and delta), have unique UUIDs, pass integrity_check,
// and have stock equal to the sum of the movements. Rows without an OK (killed between commit
// and reply) are allowed. A killed writer must never leave the data dir locked: each round's
// process must die by our SIGKILL, not exit 75.
//
// Replay: the seed is printed as `seed=N`; SHELFNODE_FAULT_SEED=N replays the same plans
// (scripts and kill points; the exact interleaving still depends on the scheduler).
// SHELFNODE_FAULT_ROUNDS overrides the number of rounds.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <map>
#include <random>

#include "fault/durability/fault_env.h"
#include "fault/durability/kill_plan.h"
#include "fault/durability/kill_round.h"

namespace shelfnode::fault {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kDefaultRounds = 240;
constexpr int kCheckEvery = 20;

std::uint64_t env_number(const char* name, std::uint64_t fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::strtoull(v, nullptr, 10) : fallback;
}

// SKU -> quantity as `shelfnode stock --json` prints it (one warehouse here).
std::map<std::string, std::int64_t> cli_stock(const std::string& json) {
  std::map<std::string, std::int64_t> out;
  const std::string sku_key = "\"sku\":", qty_key = "\"qty\":";
  for (std::size_t at = json.find(sku_key); at != std::string::npos;
       at = json.find(sku_key, at + 1)) {
    const std::size_t open = json.find('"', at + sku_key.size());
    const std::size_t close = json.find('"', open + 1);
    const std::size_t qty = json.find(qty_key, close);
    if (open == std::string::npos || close == std::string::npos || qty == std::string::npos) break;
    out[json.substr(open + 1, close - open - 1)] =
        std::strtoll(json.c_str() + qty + qty_key.size(), nullptr, 10);
  }
  return out;
}

std::string join(const std::vector<std::string>& lines) {
  std::string all;
  for (const auto& l : lines) all += "\n  " + l;
  return all;
}

TEST(Kill9, AcknowledgedScansSurviveSigkillAtRandomPoints) {
  const std::uint64_t seed = env_number("SHELFNODE_FAULT_SEED", std::random_device{}());
  const int rounds = static_cast<int>(
      std::max<std::uint64_t>(1, env_number("SHELFNODE_FAULT_ROUNDS", kDefaultRounds)));
  std::cout << "seed=" << seed << " rounds=" << rounds << std::endl;
  RecordProperty("seed", std::to_string(seed));
  const std::string replay = " (replay: SHELFNODE_FAULT_SEED=" + std::to_string(seed) + ")";

  testing::TempDir tmp;
  const std::string dir = tmp.file("data");
  ASSERT_EQ(make_shop(dir, tmp.path()), "");

  std::mt19937_64 rng(seed);
  AckedMovements acked;
  std::map<std::string, int> kills_by_kind;
  const auto started = Clock::now();
  int checked_up_to = 0;
  for (int round = 1; round <= rounds; ++round) {
    const RoundPlan plan = plan_round(rng);
    const RoundOutcome r = run_round(dir, plan);
    ++kills_by_kind[kill_name(plan.kill_at)];
    const std::vector<std::string> bad = check_replies(r, plan.sell, acked);
    ASSERT_TRUE(bad.empty()) << "round " << round << " [" << plan.describe() << "]" << replay
                             << join(bad);
    if (round % kCheckEvery == 0 || round == rounds) {
      const std::vector<std::string> v = ledger_violations(dir, acked);
      ASSERT_TRUE(v.empty()) << "ledger broken by a kill in rounds " << checked_up_to + 1 << ".."
                             << round << replay << join(v);
      checked_up_to = round;
    }
  }

  // The CLI's own read path sees the same stock as the ledger after all those crashes.
  const testing::RunResult stock = testing::shelfnode(dir, {"stock", "--json"});
  ASSERT_EQ(stock.exit_code, 0) << stock.err;
  std::map<std::string, std::int64_t> ledger_sums;
  {
    LedgerView view(dir);
    for (const std::string& row : view.rows("SELECT sku, SUM(delta) FROM movements GROUP BY sku")) {
      const std::size_t bar = row.find('|');
      ledger_sums[row.substr(0, bar)] = std::strtoll(row.c_str() + bar + 1, nullptr, 10);
    }
    ASSERT_EQ(view.error(), "");
  }
  EXPECT_EQ(cli_stock(stock.out), ledger_sums) << replay;

  const std::int64_t stored = movement_count(dir);
  const auto seconds =
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count() / 1e3;
  std::cout << "kills=" << rounds;
  for (const auto& [kind, n] : kills_by_kind) std::cout << " " << kind << "=" << n;
  std::cout << " acknowledged=" << acked.size() << " stored=" << stored
            << " stored_without_ack=" << stored - static_cast<std::int64_t>(acked.size())
            << " seconds=" << seconds << std::endl;
  EXPECT_GT(acked.size(), 0u);
}

}  // namespace
}  // namespace shelfnode::fault
