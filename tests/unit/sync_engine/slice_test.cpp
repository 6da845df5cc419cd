// A round walks the managed SKUs in slices (RoundOptions::slice_skus) and fills its calls
// across them: more changed SKUs than one slice still cost exactly the fewest calls, what
// the round holds at once is bounded by the slice and Wix's bulk limits (not by how many
// SKUs changed), and a crash between two slices' calls converges with every change applied
// once.
#include <gtest/gtest.h>

#include "unit/sync_engine/sync_fixture.h"

namespace shelfnode::sync::testing {
namespace {

constexpr std::size_t kSlice = 64;  // far below the SKUs changed, and not a divisor of 300
constexpr int kSkus = 1000;

int ceil_div(int n, int per) {
  return (n + per - 1) / per;
}

std::string sku_of(int i) {
  return "SKU-" + std::to_string(100000 + i);
}

RoundOptions sliced() {
  RoundOptions o;
  o.slice_skus = kSlice;
  return o;
}

class Slices : public ::testing::TestWithParam<WixMode> {
 protected:
  Slices() : f(GetParam()) {
    shop = f.warehouse("shop", true);
    for (int i = 0; i < kSkus; ++i) {
      f.product(sku_of(i), 20);
      f.receive(sku_of(i), shop, 20);
    }
  }
  // Every third SKU sold down, the others restocked: `dec` and `inc` count them.
  void change_everything(int& inc, int& dec) {
    inc = dec = 0;
    for (int i = 0; i < kSkus; ++i) {
      if (i % 3 == 1) {
        f.sell(sku_of(i), shop, 1 + i % 5);
        ++dec;
      } else {
        f.receive(sku_of(i), shop, 1 + i % 7);
        ++inc;
      }
    }
  }
  SyncFixture f;
  std::int64_t shop = 0;
};

TEST_P(Slices, FirstRoundReadsInTheFewestCallsHoldingOneSliceAtATime) {
  const int before = f.wix.calls();
  auto r = f.round(sliced());
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->converged);
  EXPECT_EQ(r->skus_read, kSkus);
  const int per_read = GetParam() == WixMode::kV1 ? 100 : 1000;
  EXPECT_EQ(r->calls.read, ceil_div(kSkus, per_read));
  EXPECT_EQ(r->calls.writes(), 0);  // Wix already shows 20 of each
  EXPECT_EQ(r->largest_slice, kSlice);
  EXPECT_LE(r->largest_batch, 1000u);  // one batched read (V3: one query)
  EXPECT_EQ(f.wix.calls() - before, r->calls.read + r->calls.read_all);
}

TEST_P(Slices, ChangesOverManySlicesGoOutInTheFewestCalls) {
  ASSERT_TRUE(f.converge(1));
  int inc = 0, dec = 0;
  change_everything(inc, dec);
  const int before = f.wix.calls();
  auto r = f.round(sliced());
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->converged);
  EXPECT_EQ(r->calls.increment, ceil_div(inc, 300));
  EXPECT_EQ(r->calls.decrement, ceil_div(dec, 300));
  EXPECT_EQ(r->calls.read + r->calls.set + r->calls.read_all, 0);
  EXPECT_EQ(f.wix.calls() - before, ceil_div(inc, 300) + ceil_div(dec, 300));
  EXPECT_EQ(r->push.landed, kSkus);
  // Bounded: one slice of SKUs and one call's entries, never the 1000 changed SKUs.
  EXPECT_EQ(r->largest_slice, kSlice);
  EXPECT_EQ(r->largest_batch, 300u);
  for (int i = 0; i < kSkus; ++i) ASSERT_EQ(f.wix.quantity(sku_of(i)), f.target(sku_of(i)));
}

// The default slice holds fewer SKUs than this round changes, so it is bounded too.
TEST_P(Slices, TheDefaultSliceIsSmallerThanTheRound) {
  ASSERT_TRUE(f.converge(1));
  int inc = 0, dec = 0;
  change_everything(inc, dec);
  auto r = f.round();
  ASSERT_TRUE(r && r->converged);
  EXPECT_LT(r->largest_slice, static_cast<std::size_t>(kSkus));
  EXPECT_EQ(r->largest_slice, RoundOptions{}.slice_skus);
  EXPECT_LE(r->largest_batch, 300u);
}

std::int64_t net_api_effect(const FakeWix& wix, const std::string& sku) {
  std::int64_t sum = 0;
  for (const AppliedWrite& w : wix.api_writes(sku)) sum += w.after - w.before;
  return sum;
}

// The decrements (333: two calls) and the first increment call land and are committed; the
// process dies in the second increment call, after Wix applied it, before the last slices
// are planned. The next rounds read back only what was in flight and push the rest once.
TEST_P(Slices, ACrashBetweenSlicesConvergesWithEveryChangeAppliedOnce) {
  ASSERT_TRUE(f.converge(1));
  int inc = 0, dec = 0;
  change_everything(inc, dec);
  for (int i = 0; i < 3; ++i) f.wix.script({Fault::Kind::kPass, Op::kAnyWrite});
  f.wix.script({Fault::Kind::kCrashAfterApply, Op::kAnyWrite});
  EXPECT_FALSE(f.round(sliced()));
  EXPECT_EQ(f.crashes, 1);
  EXPECT_EQ(f.scalar("SELECT count(*) FROM wix_outbox WHERE sent_target IS NOT NULL"), 300);
  // The SKUs of the last slices were not reached: still as they were.
  EXPECT_EQ(f.wix.quantity(sku_of(kSkus - 1)), 20);
  auto r = f.converge(3, sliced());
  ASSERT_TRUE(r) << "not converged after the crash";
  EXPECT_TRUE(f.wix.violations().empty()) << f.wix.violations().front();
  for (int i = 0; i < kSkus; ++i) {
    const std::string sku = sku_of(i);
    ASSERT_EQ(f.wix.quantity(sku), f.target(sku)) << sku;
    ASSERT_EQ(f.wix.api_writes(sku).size(), 1u) << sku << " was written twice";
    ASSERT_EQ(net_api_effect(f.wix, sku), f.target(sku) - 20) << sku;
  }
}

INSTANTIATE_TEST_SUITE_P(Modes, Slices, ::testing::Values(WixMode::kV1, WixMode::kV3),
                         [](const auto& info) { return info.param == WixMode::kV1 ? "V1" : "V3"; });

}  // namespace
}  // namespace shelfnode::sync::testing
