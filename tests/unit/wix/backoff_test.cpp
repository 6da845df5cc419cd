#include "shelfnode/wix/backoff.h"

#include <gtest/gtest.h>

#include <set>

namespace shelfnode::wix {
namespace {

TEST(Backoff, CeilingDoublesFromOneSecondUpToTheCap) {
  Backoff b(1);
  EXPECT_EQ(b.ceiling_ms(0), 1'000);
  EXPECT_EQ(b.ceiling_ms(1), 2'000);
  EXPECT_EQ(b.ceiling_ms(5), 32'000);
  EXPECT_EQ(b.ceiling_ms(6), 60'000);
  EXPECT_EQ(b.ceiling_ms(1000), 60'000);
}

TEST(Backoff, FullJitterStaysInsideTheWindowAndSpreads) {
  Backoff b(42);
  for (int retry = 0; retry < 12; ++retry) {
    std::set<std::int64_t> seen;
    for (int i = 0; i < 200; ++i) {
      const std::int64_t d = b.delay_ms(retry, std::nullopt);
      EXPECT_GE(d, 0);
      EXPECT_LE(d, b.ceiling_ms(retry));
      seen.insert(d);
    }
    EXPECT_GT(seen.size(), 50u) << "retry " << retry << " is not jittered";
  }
}

TEST(Backoff, SameSeedSameSequence) {
  Backoff a(7);
  Backoff b(7);
  for (int i = 0; i < 20; ++i)
    EXPECT_EQ(a.delay_ms(i % 8, std::nullopt), b.delay_ms(i % 8, std::nullopt));
}

TEST(Backoff, RetryAfterIsAFloorEvenAboveTheCap) {
  Backoff b(3);
  for (int i = 0; i < 100; ++i) EXPECT_GE(b.delay_ms(0, 5), 5'000);
  EXPECT_EQ(b.delay_ms(2, 90), 90'000);  // above the 60 s cap: Wix's word wins
  EXPECT_GE(b.delay_ms(0, 0), 0);
}

TEST(Backoff, CustomPolicy) {
  Backoff b(9, BackoffPolicy{100, 250});
  EXPECT_EQ(b.ceiling_ms(0), 100);
  EXPECT_EQ(b.ceiling_ms(1), 200);
  EXPECT_EQ(b.ceiling_ms(2), 250);
  for (int i = 0; i < 100; ++i) EXPECT_LE(b.delay_ms(10, std::nullopt), 250);
}

}  // namespace
}  // namespace shelfnode::wix
