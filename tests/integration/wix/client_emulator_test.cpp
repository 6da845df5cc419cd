#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "emulator_fixture.h"
#include "shelfnode/core/json.h"
#include "shelfnode/wix/client.h"
#include "shelfnode/wix/retrying_client.h"

namespace shelfnode::wix {
namespace {

using testing::EmulatorTest;

constexpr const char* kVersion = "/stores/v3/provision/version";
constexpr const char* kIncrement = "/stores/v2/inventoryItems/increment";
constexpr const char* kShelfIncrement =
    R"({"incrementData":[{"productId":"0ff4e579-ebac-4ebb-b18b-92c474f92676",)"
    R"("variantId":"00000000-0000-0000-0000-000000000000","incrementBy":1}]})";

class WixOverHttps : public EmulatorTest {
 protected:
  Client client(Transport& t, const char* key = kV1Key) {
    return Client::create({url_, kV1Site, key}, t).value();
  }
  static int count_writes() {
    JsonPtr w = parse_json(admin("GET", "/_emulator/writes").body);
    return cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(w.get(), "writes"));
  }
};

TEST_F(WixOverHttps, CatalogVersionOfTheV1Site) {
  CurlTransport t(trusted());
  Client c = client(t);
  auto r = c.call("GET", kVersion);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->status, 200);
  const cJSON* v = cJSON_GetObjectItemCaseSensitive(r->body.get(), "catalogVersion");
  ASSERT_TRUE(cJSON_IsString(v));
  EXPECT_STREQ(v->valuestring, "V1_CATALOG");
}

TEST_F(WixOverHttps, PatchSendsItsBodyAndSetsTheQuantity) {
  CurlTransport t(trusted());
  Client c = client(t);
  JsonPtr body = parse_json(R"({"inventoryItem":{"trackQuantity":true,)"
                            R"("variants":[{"variantId":"00000000-0000-0000-0000-000000000000",)"
                            R"("quantity":5}]}})");
  auto r = c.call("PATCH", "/stores/v2/inventoryItems/product/0ff4e579-ebac-4ebb-b18b-92c474f92676",
                  body.get());
  ASSERT_TRUE(r.ok()) << r.status().message();
  JsonPtr writes = parse_json(admin("GET", "/_emulator/writes").body);
  const cJSON* first =
      cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(writes.get(), "writes"), 0);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(first, "after")), 5);
}

TEST_F(WixOverHttps, UnknownKeyIsRejectedAsUnauthenticated) {
  CurlTransport t(trusted());
  Client c = client(t, "IST.no-such-key-0000");
  WixError err;
  auto r = c.call("GET", kVersion, nullptr, &err);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(err.http_status, 401);
  EXPECT_EQ(err.outcome, Outcome::kRejected);
  EXPECT_EQ(r.status().code(), Code::kUnauthenticated);
  EXPECT_EQ(r.status().message().find("no-such-key"), std::string::npos) << r.status().message();
}

TEST_F(WixOverHttps, UntrustedCertificateIsNotSentAndSaysWhatToDo) {
  CurlTransport t;  // system trust store: the emulator's CA is not in it
  Client c = client(t);
  WixError err;
  auto r = c.call("GET", kVersion, nullptr, &err);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(err.outcome, Outcome::kNotSent);
  EXPECT_EQ(r.status().code(), Code::kUnavailable);
  EXPECT_NE(r.status().message().find("--ca-file"), std::string::npos) << r.status().message();
}

TEST_F(WixOverHttps, ClosedPortIsNotSent) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), len), 0);
  ASSERT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  close(fd);  // nobody listens there now
  CurlTransport t(trusted());
  Client c = Client::create(
                 {"https://127.0.0.1:" + std::to_string(ntohs(addr.sin_port)), kV1Site, kV1Key}, t)
                 .value();
  WixError err;
  auto r = c.call("GET", kVersion, nullptr, &err);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(err.outcome, Outcome::kNotSent);
  EXPECT_EQ(r.status().code(), Code::kUnavailable);
}

TEST_F(WixOverHttps, DroppedAfterApplyIsUncertainAndNotResent) {
  inject(
      R"({"kind":"drop_after_apply","path":"/stores/v2/inventoryItems/increment","method":"POST"})");
  CurlTransport t(trusted());
  Client c = client(t);
  FakeClock clock(0);
  SystemSleeper sleeper;
  RateLimiter limiter(6000, clock, sleeper);
  Backoff backoff(1, BackoffPolicy{10, 50});
  RetryingClient retrying(c, limiter, backoff, sleeper);
  JsonPtr body = parse_json(kShelfIncrement);
  WixError err;
  auto r = retrying.call("POST", kIncrement, body.get(), &err);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(err.outcome, Outcome::kUncertain) << r.status().message();
  EXPECT_EQ(r.status().code(), Code::kTemporary);
  EXPECT_EQ(retrying.last_attempts(), 1);
  EXPECT_EQ(count_writes(), 1);  // it landed exactly once
}

TEST_F(WixOverHttps, DroppedAfterApplyOnAReusedConnectionIsNotResentByCurl) {
  // libcurl silently resends a request whose reused connection died without an answer;
  // for a delta that already landed that would count it twice.
  CurlTransport t(trusted());
  Client c = client(t);
  ASSERT_TRUE(c.call("GET", kVersion).ok());
  inject(
      R"({"kind":"drop_after_apply","path":"/stores/v2/inventoryItems/increment","method":"POST"})");
  JsonPtr body = parse_json(kShelfIncrement);
  WixError err;
  auto r = c.call("POST", kIncrement, body.get(), &err);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(err.outcome, Outcome::kUncertain) << r.status().message();
  EXPECT_EQ(count_writes(), 1);
}

TEST_F(WixOverHttps, TimeoutAfterSendIsUncertain) {
  inject(R"({"kind":"latency","path":"/stores/v2/inventoryItems/increment","ms":3000})");
  CurlOptions o = trusted();
  o.timeout_ms = 500;
  CurlTransport t(o);
  Client c = client(t);
  JsonPtr body = parse_json(kShelfIncrement);
  WixError err;
  auto r = c.call("POST", kIncrement, body.get(), &err);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(err.outcome, Outcome::kUncertain) << r.status().message();
}

TEST_F(WixOverHttps, ServiceUnavailableIsNotSentAndRetried) {
  inject(R"({"kind":"503","path":"/stores/v3/provision/version"})");
  CurlTransport t(trusted());
  Client c = client(t);
  WixError err;
  auto once = c.call("GET", kVersion, nullptr, &err);
  ASSERT_FALSE(once.ok());
  EXPECT_EQ(err.http_status, 503);
  EXPECT_EQ(err.outcome, Outcome::kNotSent);
  EXPECT_EQ(once.status().code(), Code::kUnavailable);

  inject(R"({"kind":"503","path":"/stores/v3/provision/version"})");
  FakeClock clock(0);
  SystemSleeper sleeper;
  RateLimiter limiter(6000, clock, sleeper);
  Backoff backoff(1, BackoffPolicy{10, 50});
  RetryingClient retrying(c, limiter, backoff, sleeper);
  auto r = retrying.call("GET", kVersion);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(retrying.last_attempts(), 2);
}

TEST_F(WixOverHttps, RateLimitCarriesRetryAfter) {
  inject(R"({"kind":"429","path":"/stores/v3/provision/version","retryAfter":7})");
  inject(R"({"kind":"429","path":"/stores/v3/provision/version"})");
  CurlTransport t(trusted());
  Client c = client(t);
  WixError err;
  auto r = c.call("GET", kVersion, nullptr, &err);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(err.http_status, 429);
  EXPECT_EQ(err.outcome, Outcome::kNotSent);
  ASSERT_TRUE(err.retry_after_seconds.has_value());
  EXPECT_EQ(*err.retry_after_seconds, 7);
  EXPECT_EQ(r.status().code(), Code::kTemporary);
  auto again = c.call("GET", kVersion, nullptr, &err);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(err.http_status, 429);
  EXPECT_FALSE(err.retry_after_seconds.has_value());
}

TEST_F(WixOverHttps, UnknownRouteIsAnHtmlPageRejectedWithExcerpt) {
  CurlTransport t(trusted());
  Client c = client(t);
  WixError err;
  auto r = c.call("GET", "/stores/v9/no-such-route", nullptr, &err);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(err.http_status, 404);
  EXPECT_EQ(err.outcome, Outcome::kRejected);
  EXPECT_EQ(r.status().code(), Code::kBadData);
  EXPECT_FALSE(err.description.empty());
  EXPECT_EQ(err.description.find('<'), std::string::npos) << err.description;
  EXPECT_LE(err.description.size(), 124u);
}

TEST_F(WixOverHttps, ConsecutiveCallsReuseOneConnection) {
  CurlTransport t(trusted());
  Client c = client(t);
  ASSERT_TRUE(c.call("GET", kVersion).ok());
  EXPECT_EQ(t.last_new_connections(), 1);
  ASSERT_TRUE(c.call("GET", kVersion).ok());
  EXPECT_EQ(t.last_new_connections(), 0);
  JsonPtr body = parse_json(kShelfIncrement);
  ASSERT_TRUE(c.call("POST", kIncrement, body.get()).ok());
  EXPECT_EQ(t.last_new_connections(), 0);
}

}  // namespace
}  // namespace shelfnode::wix
