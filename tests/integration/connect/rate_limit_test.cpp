// 429 storms during `connect`: what was certainly not processed is retried, honouring
// Retry-After; a storm that outlasts the retries ends with exit 75 and says when to retry.
#include <ctime>

#include "connect_fixture.h"

namespace shelfnode::connect_test {
namespace {

constexpr const char* kVersion = "/stores/v3/provision/version";

// "2026-11-24T17:54:36.992Z" -> ms since the epoch.
std::int64_t iso_ms(const std::string& text) {
  std::tm tm{};
  int ms = 0;
  if (std::sscanf(text.c_str(), "%d-%d-%dT%d:%d:%d.%dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &ms) != 7) {
    ADD_FAILURE() << "not a timestamp: " << text;
    return 0;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<std::int64_t>(timegm(&tm)) * 1000 + ms;
}

class RateLimited : public ConnectTest {
 protected:
  void storm(const std::string& path, int count, bool retry_after) {
    const std::string spec = R"({"kind":"429","path":")" + path + R"(","count":)" +
                             std::to_string(count) + (retry_after ? R"(,"retryAfter":1})" : "}");
    ASSERT_EQ(admin("POST", "/_emulator/faults", spec).status, 200) << spec;
  }

  // (status, time) of each logged call to `path`, in order.
  std::vector<std::pair<int, std::int64_t>> calls_to(const std::string& path) {
    std::vector<std::pair<int, std::int64_t>> out;
    JsonPtr log = requests();
    const cJSON* r = nullptr;
    cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(log.get(), "requests")) {
      if (cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(r, "path")) != path) continue;
      const int status =
          static_cast<int>(cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(r, "status")));
      out.emplace_back(status,
                       iso_ms(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(r, "time"))));
    }
    return out;
  }
};

TEST_F(RateLimited, ShortStormIsWaitedOutAsRetryAfterSays) {
  storm(kVersion, 2, true);
  auto r = connect(kV1Site, kV1Key);
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  auto calls = calls_to(kVersion);
  ASSERT_EQ(calls.size(), 3u);
  EXPECT_EQ(calls[0].first, 429);
  EXPECT_EQ(calls[1].first, 429);
  EXPECT_EQ(calls[2].first, 200);
  // Retry-After: 1 is a floor for each wait (the log has millisecond timestamps).
  EXPECT_GE(calls[1].second - calls[0].second, 990);
  EXPECT_GE(calls[2].second - calls[1].second, 990);
  EXPECT_EQ(meta("wix.catalog_version"), "V1_CATALOG");
}

TEST_F(RateLimited, LongStormEndsAsTemporaryAndSaysWhenToRetry) {
  storm("/stores-reader/v1/products/query", 20, true);
  auto r = connect(kV1Site, kV1Key);
  EXPECT_EQ(r.exit_code, 75) << describe(r);
  EXPECT_TRUE(contains(r.err, "Wix is rate limiting; try again in 1 s")) << r.err;
  EXPECT_EQ(calls_to("/stores-reader/v1/products/query").size(), 4u);
  EXPECT_FALSE(exists("config.json"));
  EXPECT_EQ(meta("wix.site_id"), "");
}

TEST_F(RateLimited, ShortStormWithoutRetryAfterIsRetriedWithBackoff) {
  storm("/ecom/v1/orders/search", 1, false);
  auto r = connect(kV1Site, kV1Key);
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  auto calls = calls_to("/ecom/v1/orders/search");
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0].first, 429);
  EXPECT_EQ(calls[1].first, 200);
}

TEST_F(RateLimited, LongStormWithoutRetryAfterSaysAMinute) {
  storm(kVersion, 20, false);
  auto r = connect(kV1Site, kV1Key);
  EXPECT_EQ(r.exit_code, 75) << describe(r);
  EXPECT_TRUE(contains(r.err, "Wix is rate limiting; try again in 60 s")) << r.err;
  EXPECT_EQ(calls_to(kVersion).size(), 4u);
  EXPECT_FALSE(exists("wix-api-key"));
}

}  // namespace
}  // namespace shelfnode::connect_test
