// A crash at each point of a write: before it is sent, after Wix applied it but before the
// answer, after the answer but before its commit, and in the middle of settling. The engine
// and the database handle are dropped and the database reopened; later rounds must end
// converged with every change applied exactly once.
#include <gtest/gtest.h>

#include <numeric>

#include "unit/sync_engine/sync_fixture.h"

namespace shelfnode::sync::testing {
namespace {

struct CrashCase {
  const char* name;
  std::vector<Fault> faults;
};

std::vector<CrashCase> cases() {
  using K = Fault::Kind;
  return {
      {"BeforeSend", {{K::kCrashBeforeSend, Op::kAnyWrite}}},
      {"AfterApplyBeforeAnswer", {{K::kCrashAfterApply, Op::kAnyWrite}}},
      {"AfterAnswerBeforeCommit", {{K::kFailNextCommit, Op::kAnyWrite}}},
      // B's decrement is lost with an uncertain answer, A's increment goes through, and the
      // write that settles B dies.
      {"DuringSettleBeforeSend",
       {{K::kLostUncertain, Op::kAnyWrite},
        {K::kPass, Op::kAnyWrite},
        {K::kCrashBeforeSend, Op::kAnyWrite}}},
      {"DuringSettleAfterApply",
       {{K::kLostUncertain, Op::kAnyWrite},
        {K::kPass, Op::kAnyWrite},
        {K::kCrashAfterApply, Op::kAnyWrite}}},
  };
}

class Crash : public ::testing::TestWithParam<std::tuple<WixMode, int>> {};

std::int64_t net_api_effect(const FakeWix& wix, const std::string& sku) {
  std::int64_t sum = 0;
  for (const AppliedWrite& w : wix.api_writes(sku)) sum += w.after - w.before;
  return sum;
}

TEST_P(Crash, EndsConvergedWithEveryChangeAppliedOnce) {
  const auto [mode, index] = GetParam();
  const CrashCase c = cases()[static_cast<std::size_t>(index)];
  SyncFixture f(mode);
  const std::int64_t shop = f.warehouse("shop", true);
  f.product("A", 5);
  f.product("B", 5);
  f.receive("A", shop, 5);
  f.receive("B", shop, 5);
  ASSERT_TRUE(f.converge(1));

  f.receive("A", shop, 3);
  f.sell("B", shop, 2);
  for (const Fault& fault : c.faults) f.wix.script(fault);
  EXPECT_FALSE(f.round());  // the process died
  EXPECT_EQ(f.crashes, 1);
  // The first call (the decrement of B) carries the fault; its mark survived the crash.
  auto b = f.row("B");
  EXPECT_TRUE(b->in_flight() || b->uncertain);

  auto r = f.converge(3);
  ASSERT_TRUE(r) << "not converged after the crash";
  EXPECT_EQ(f.wix.quantity("A"), 8);
  EXPECT_EQ(f.wix.quantity("B"), 3);
  EXPECT_EQ(net_api_effect(f.wix, "A"), 3);
  EXPECT_EQ(net_api_effect(f.wix, "B"), -2);
  // Nothing was undone and redone: each SKU's change landed in one write.
  EXPECT_EQ(f.wix.api_writes("A").size(), 1u);
  EXPECT_EQ(f.wix.api_writes("B").size(), 1u);
  EXPECT_TRUE(f.wix.violations().empty()) << f.wix.violations().front();
  EXPECT_EQ(f.row("A")->confirmed, 8);
  EXPECT_EQ(f.row("B")->confirmed, 3);
}

TEST(CrashRead, BeforeTheFirstReadNothingIsLost) {
  SyncFixture f(WixMode::kV3);
  const std::int64_t shop = f.warehouse("shop", true);
  f.product("A", 2);
  f.receive("A", shop, 6);
  f.wix.script({Fault::Kind::kCrashBeforeSend, Op::kRead});
  EXPECT_FALSE(f.round());
  auto r = f.converge(2);
  ASSERT_TRUE(r);
  EXPECT_EQ(f.wix.quantity("A"), 6);
  EXPECT_EQ(f.wix.api_writes("A").size(), 1u);
}

TEST(CrashRead, ManySkusInOneCallAreAllReadBack) {
  SyncFixture f(WixMode::kV1);
  const std::int64_t shop = f.warehouse("shop", true);
  for (int i = 0; i < 40; ++i) {
    const std::string sku = "S" + std::to_string(i);
    f.product(sku, 10);
    f.receive(sku, shop, 10);
  }
  ASSERT_TRUE(f.converge(1));
  for (int i = 0; i < 40; ++i) f.receive("S" + std::to_string(i), shop, i + 1);
  f.wix.script({Fault::Kind::kCrashAfterApply, Op::kIncrement});
  EXPECT_FALSE(f.round());
  EXPECT_EQ(f.scalar("SELECT count(*) FROM wix_outbox WHERE sent_target IS NOT NULL"), 40);
  auto r = f.round();
  ASSERT_TRUE(r && r->converged);
  EXPECT_EQ(r->skus_read, 40);
  EXPECT_EQ(r->calls.writes(), 0);  // all of it had landed
  for (int i = 0; i < 40; ++i) EXPECT_EQ(f.wix.quantity("S" + std::to_string(i)), 11 + i);
}

INSTANTIATE_TEST_SUITE_P(Points, Crash,
                         ::testing::Combine(::testing::Values(WixMode::kV1, WixMode::kV3),
                                            ::testing::Range(0, static_cast<int>(cases().size()))),
                         [](const auto& info) {
                           return std::string(std::get<0>(info.param) == WixMode::kV1 ? "V1_"
                                                                                      : "V3_") +
                                  cases()[static_cast<std::size_t>(std::get<1>(info.param))].name;
                         });

}  // namespace
}  // namespace shelfnode::sync::testing
