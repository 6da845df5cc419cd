#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "shelfnode/core/json.h"
#include "shelfnode/sync/inventory_api.h"
#include "unit/wix/fake_transport.h"

namespace shelfnode::sync::testing {

inline constexpr const char* kBase = "https://wix.test";
inline constexpr const char* kSystemError = R"({"message":"","details":{}})";

// The inventory layer over scripted Wix answers: every request is kept (method, path, body)
// and nothing ever waits (a fake clock behind the rate limit and the backoff).
class FakeWixTest : public ::testing::Test {
 protected:
  FakeWixTest()
      : clock_(0),
        sleeper_(clock_),
        limiter_(60'000, clock_, sleeper_),
        backoff_(7),
        client_(
            wix::Client::create({kBase, "site-1", "IST.inventory-test-key"}, transport_).value()),
        retrying_(client_, limiter_, backoff_, sleeper_, wix::RetryPolicy{4, 120'000}) {}

  void answer(const std::string& body) { transport_.push_status(200, body); }
  void answer_status(long status, const std::string& body = kSystemError) {
    transport_.push_status(status, body);
  }

  std::size_t sent() const { return transport_.requests.size(); }
  std::string method(std::size_t i) const { return transport_.requests.at(i).method; }
  std::string path(std::size_t i) const {
    return transport_.requests.at(i).url.substr(std::string(kBase).size());
  }
  // The body as sent (cJSON prints members in insertion order, so exact text is stable).
  const std::string& body(std::size_t i) const { return transport_.requests.at(i).body; }
  JsonPtr json(std::size_t i) const { return parse_json(body(i)); }

  wix::testing::FakeTransport transport_;
  FakeClock clock_;
  wix::testing::FakeSleeper sleeper_;
  wix::RateLimiter limiter_;
  wix::Backoff backoff_;
  wix::Client client_;
  wix::RetryingClient retrying_;
};

// `n` results of a bulk answer, all successful, in order.
inline std::string bulk_ok(std::size_t n) {
  std::string results;
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0) results += ",";
    results += R"({"itemMetadata":{"id":"item-)" + std::to_string(i) + R"(","originalIndex":)" +
               std::to_string(i) + R"(,"success":true}})";
  }
  return R"({"results":[)" + results + R"(],"bulkActionMetadata":{"totalSuccesses":)" +
         std::to_string(n) + R"(,"totalFailures":0,"undetailedFailures":0}})";
}

inline std::size_t array_size(const cJSON* object, const char* name) {
  return static_cast<std::size_t>(
      cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(object, name)));
}

}  // namespace shelfnode::sync::testing
