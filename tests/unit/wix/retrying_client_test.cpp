#include "shelfnode/wix/retrying_client.h"

#include <gtest/gtest.h>

#include "fake_transport.h"

namespace shelfnode::wix {
namespace {

using testing::FakeSleeper;
using testing::FakeTransport;

class RetryPolicyTest : public ::testing::Test {
 protected:
  RetryPolicyTest()
      : clock_(0),
        sleeper_(clock_),
        limiter_(6000, clock_, sleeper_),
        backoff_(11),
        client_(
            Client::create({"https://wix.test", "site-1", "IST.retry-key"}, transport_).value()),
        retrying_(client_, limiter_, backoff_, sleeper_, RetryPolicy{4, 120'000}) {}

  FakeTransport transport_;
  FakeClock clock_;
  FakeSleeper sleeper_;
  RateLimiter limiter_;
  Backoff backoff_;
  Client client_;
  RetryingClient retrying_;
};

TEST_F(RetryPolicyTest, NotSentIsRetriedUntilItWorks) {
  transport_.push(not_sent("connection refused"));
  transport_.push_status(503, R"({"message":"","details":{}})");
  transport_.push_status(200, R"({"catalogVersion":"V1_CATALOG"})");
  WixError err;
  auto r = retrying_.call("GET", "/stores/v3/provision/version", nullptr, &err);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(transport_.requests.size(), 3u);
  EXPECT_EQ(retrying_.last_attempts(), 3);
  EXPECT_EQ(err.outcome, Outcome::kSuccess);
  ASSERT_EQ(sleeper_.sleeps.size(), 2u);
  EXPECT_LE(sleeper_.sleeps[0], 1'000);
  EXPECT_LE(sleeper_.sleeps[1], 2'000);
}

TEST_F(RetryPolicyTest, NotSentGivesUpAfterMaxAttempts) {
  for (int i = 0; i < 6; ++i) transport_.push(not_sent("connection refused"));
  WixError err;
  auto r = retrying_.call("GET", "/x", nullptr, &err);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kUnavailable);
  EXPECT_EQ(transport_.requests.size(), 4u);
  EXPECT_EQ(err.outcome, Outcome::kNotSent);
  EXPECT_EQ(sleeper_.sleeps.size(), 3u);
}

TEST_F(RetryPolicyTest, UncertainTransportFailureIsNeverRetried) {
  transport_.push(uncertain("timeout after send"));
  transport_.push_status(200);
  JsonPtr body(
      cJSON_Parse(R"({"incrementData":[{"productId":"p","variantId":"v","incrementBy":2}]})"));
  WixError err;
  auto r = retrying_.call("POST", "/stores/v2/inventoryItems/increment", body.get(), &err);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(err.outcome, Outcome::kUncertain);
  EXPECT_EQ(r.status().code(), Code::kTemporary);
  EXPECT_EQ(transport_.requests.size(), 1u);
  EXPECT_TRUE(sleeper_.sleeps.empty());
}

TEST_F(RetryPolicyTest, UncertainStatusesAreNeverRetried) {
  for (long status : {500L, 502L, 504L, 501L}) {
    transport_.requests.clear();
    transport_.push_status(status, R"({"message":"","details":{}})");
    transport_.push_status(200);
    WixError err;
    auto r = retrying_.call("POST", "/stores/v2/inventoryItems/decrement", nullptr, &err);
    EXPECT_FALSE(r.ok()) << status;
    EXPECT_EQ(err.outcome, Outcome::kUncertain) << status;
    EXPECT_EQ(transport_.requests.size(), 1u) << status;
    transport_.requests.clear();
    (void)client_.call("GET", "/drain");  // consume the unused 200
  }
}

TEST_F(RetryPolicyTest, DefiniteRejectionIsNeverRetried) {
  transport_.push_status(400, R"({"message":"bad","details":{}})");
  transport_.push_status(200);
  WixError err;
  auto r = retrying_.call("POST", "/x", nullptr, &err);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(err.outcome, Outcome::kRejected);
  EXPECT_EQ(r.status().code(), Code::kBadData);
  EXPECT_EQ(transport_.requests.size(), 1u);
}

TEST_F(RetryPolicyTest, RateLimitedWaitsAtLeastRetryAfter) {
  transport_.push_status(429, R"({"message":"","details":{}})", 9);
  transport_.push_status(200);
  auto r = retrying_.call("GET", "/x");
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(sleeper_.sleeps.size(), 1u);
  EXPECT_GE(sleeper_.sleeps[0], 9'000);
}

TEST_F(RetryPolicyTest, RetryAfterBeyondTheWaitLimitIsLeftToTheCaller) {
  transport_.push_status(429, R"({"message":"","details":{}})", 600);
  WixError err;
  auto r = retrying_.call("GET", "/x", nullptr, &err);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kTemporary);
  EXPECT_EQ(*err.retry_after_seconds, 600);
  EXPECT_EQ(transport_.requests.size(), 1u);
  EXPECT_TRUE(sleeper_.sleeps.empty());
}

TEST_F(RetryPolicyTest, EveryAttemptPassesTheRateLimiter) {
  FakeClock clock(0);
  FakeSleeper sleeper(clock);
  RateLimiter slow(6, clock, sleeper);  // burst 1, then one per 10 s
  RetryingClient r(client_, slow, backoff_, sleeper, RetryPolicy{2, 120'000});
  transport_.push(not_sent("refused"));
  transport_.push_status(200);
  ASSERT_TRUE(r.call("GET", "/x").ok());
  std::int64_t total = 0;
  for (auto s : sleeper.sleeps) total += s;
  EXPECT_GE(total, 10'000);
}

}  // namespace
}  // namespace shelfnode::wix
