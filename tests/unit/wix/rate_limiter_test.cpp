#include "shelfnode/wix/rate_limiter.h"

#include <gtest/gtest.h>

#include "fake_transport.h"

namespace shelfnode::wix {
namespace {

using testing::FakeSleeper;

TEST(RateLimiter, BurstIsASixthOfTheRateThenOneTokenPerInterval) {
  FakeClock clock(1'000'000);
  FakeSleeper sleeper(clock);
  RateLimiter limiter(120, clock, sleeper);  // 2 per second, burst 20
  EXPECT_EQ(limiter.capacity(), 20);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(limiter.reserve_ms(), 0) << i;
  EXPECT_EQ(limiter.reserve_ms(), 500);
  EXPECT_EQ(limiter.reserve_ms(), 1000);  // queued behind the previous reservation
  clock.advance_ms(1000);
  EXPECT_EQ(limiter.reserve_ms(), 500);
}

TEST(RateLimiter, AcquireSleepsThroughTheSeam) {
  FakeClock clock(0);
  FakeSleeper sleeper(clock);
  RateLimiter limiter(60, clock, sleeper);  // 1 per second, burst 10
  for (int i = 0; i < 10; ++i) limiter.acquire();
  EXPECT_TRUE(sleeper.sleeps.empty());
  limiter.acquire();
  limiter.acquire();
  ASSERT_EQ(sleeper.sleeps.size(), 2u);
  EXPECT_EQ(sleeper.sleeps[0], 1000);
  EXPECT_EQ(sleeper.sleeps[1], 1000);
}

TEST(RateLimiter, NeverMoreThanSevenSixthsOfTheRateInAnyMinute) {
  FakeClock clock(0);
  FakeSleeper sleeper(clock);
  RateLimiter limiter(120, clock, sleeper);
  int sent = 0;
  while (clock.now_ms() < 60'000) {
    limiter.acquire();
    if (clock.now_ms() < 60'000) ++sent;
  }
  EXPECT_LE(sent, 140);
  EXPECT_GE(sent, 138);
}

TEST(RateLimiter, IdleTimeRefillsOnlyUpToCapacity) {
  FakeClock clock(0);
  FakeSleeper sleeper(clock);
  RateLimiter limiter(6, clock, sleeper);  // one per 10 s, burst 1
  EXPECT_EQ(limiter.capacity(), 1);
  EXPECT_EQ(limiter.reserve_ms(), 0);
  clock.advance_ms(3'600'000);
  EXPECT_EQ(limiter.reserve_ms(), 0);
  EXPECT_EQ(limiter.reserve_ms(), 10'000);
}

TEST(RateLimiter, ClockGoingBackwardsDoesNotBreakIt) {
  FakeClock clock(100'000);
  FakeSleeper sleeper(clock);
  RateLimiter limiter(60, clock, sleeper);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(limiter.reserve_ms(), 0);
  clock.advance_ms(-50'000);
  EXPECT_EQ(limiter.reserve_ms(), 1000);
}

TEST(RateLimiter, NonsenseRateIsClampedToOnePerMinute) {
  FakeClock clock(0);
  FakeSleeper sleeper(clock);
  RateLimiter limiter(0, clock, sleeper);
  EXPECT_EQ(limiter.reserve_ms(), 0);
  EXPECT_EQ(limiter.reserve_ms(), 60'000);
}

}  // namespace
}  // namespace shelfnode::wix
