// The fewest calls: N changed SKUs whose `confirmed` is known cost exactly
// ⌈increments/300⌉ + ⌈decrements/300⌉ writes, and no read.
#include <gtest/gtest.h>

#include "unit/sync_engine/sync_fixture.h"

namespace shelfnode::sync::testing {
namespace {

int ceil300(int n) {
  return (n + 299) / 300;
}

class RequestCount : public ::testing::TestWithParam<std::tuple<WixMode, int>> {};

TEST_P(RequestCount, ExactlyTheFewestWrites) {
  const auto [mode, n] = GetParam();
  SyncFixture f(mode);
  const std::int64_t shop = f.warehouse("shop", true);
  const std::int64_t back = f.warehouse("back", true);
  // The SKUs, their stock, and a first round that learns what Wix holds (20 each).
  for (int i = 0; i < n; ++i) {
    const std::string sku = "SKU-" + std::to_string(100000 + i);
    f.product(sku, 20);
    f.receive(sku, shop, 20);
  }
  ASSERT_TRUE(f.converge(1));
  const int calls_before = f.wix.calls();

  int inc = 0, dec = 0;
  for (int i = 0; i < n; ++i) {
    const std::string sku = "SKU-" + std::to_string(100000 + i);
    if (i % 3 == 1) {
      f.sell(sku, shop, 1 + i % 5);  // several scans, one entry
      f.sell(sku, back, 2);          // another mapped warehouse: same entry
      ++dec;
    } else {
      f.receive(sku, shop, 1 + i % 7);
      f.receive(sku, shop, 1);
      ++inc;
    }
  }
  auto r = f.round();
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->converged);
  EXPECT_EQ(r->calls.increment, ceil300(inc));
  EXPECT_EQ(r->calls.decrement, ceil300(dec));
  EXPECT_EQ(r->calls.set, 0);
  EXPECT_EQ(r->calls.read, 0);
  EXPECT_EQ(r->calls.read_all, 0);
  EXPECT_EQ(r->calls.orders_pulls, 0);
  EXPECT_EQ(f.wix.calls() - calls_before, ceil300(inc) + ceil300(dec));
  EXPECT_EQ(r->push.landed, n);
  for (int i = 0; i < n; i += 97) {
    const std::string sku = "SKU-" + std::to_string(100000 + i);
    EXPECT_EQ(f.wix.quantity(sku), f.target(sku)) << sku;
  }
}

INSTANTIATE_TEST_SUITE_P(Sizes, RequestCount,
                         ::testing::Combine(::testing::Values(WixMode::kV1, WixMode::kV3),
                                            ::testing::Values(1, 299, 300, 301, 1000)),
                         [](const auto& info) {
                           return std::string(std::get<0>(info.param) == WixMode::kV1 ? "V1_"
                                                                                      : "V3_") +
                                  std::to_string(std::get<1>(info.param));
                         });

}  // namespace
}  // namespace shelfnode::sync::testing
