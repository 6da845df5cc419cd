#include "shelfnode/wix/client.h"

#include <gtest/gtest.h>

#include "fake_transport.h"
#include "shelfnode/core/logger.h"
#include "shelfnode/wix/curl_transport.h"
#include "shelfnode/wix/url_policy.h"

namespace shelfnode::wix {
namespace {

using testing::FakeTransport;

const std::string* header(const HttpRequest& r, const std::string& name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return &v;
  }
  return nullptr;
}

TEST(WixClient, HeadersCarryTheRawKeyAndTheSiteOnly) {
  FakeTransport t;
  auto c = Client::create({"https://www.wixapis.com/", "site-guid", "IST.header-key-1"}, t);
  ASSERT_TRUE(c.ok()) << c.status().message();
  JsonPtr body(cJSON_CreateObject());
  HttpRequest r = c->build_request("POST", "/stores/v1/products/query", body.get());
  EXPECT_EQ(r.url, "https://www.wixapis.com/stores/v1/products/query");
  ASSERT_NE(header(r, "Authorization"), nullptr);
  EXPECT_EQ(*header(r, "Authorization"), "IST.header-key-1");  // no "Bearer " [R1]
  ASSERT_NE(header(r, "wix-site-id"), nullptr);
  EXPECT_EQ(*header(r, "wix-site-id"), "site-guid");
  EXPECT_EQ(header(r, "wix-account-id"), nullptr);
  EXPECT_EQ(*header(r, "Content-Type"), "application/json");
  EXPECT_EQ(*header(r, "Accept"), "application/json");
  EXPECT_EQ(r.body, "{}");

  HttpRequest get = c->build_request("GET", "/stores/v3/provision/version", nullptr);
  EXPECT_EQ(header(get, "Content-Type"), nullptr);
  EXPECT_TRUE(get.body.empty());
}

TEST(WixClient, KeyIsRedactedByTheLogger) {
  FakeTransport t;
  ASSERT_TRUE(Client::create({"https://wix.test", "s", "IST.redact-me-4410"}, t).ok());
  std::string line =
      logger().format(LogLevel::kWarn, "wix.call", {{"detail", "sent IST.redact-me-4410 to Wix"}});
  EXPECT_EQ(line.find("redact-me"), std::string::npos) << line;
  EXPECT_EQ(logger().redact("x IST.redact-me-4410 y").find("redact-me"), std::string::npos);
}

TEST(WixClient, RefusesPlainHttpExceptLoopback) {
  FakeTransport t;
  auto bad = Client::create({"http://www.wixapis.com", "s", "IST.k"}, t);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Code::kConfig);
  EXPECT_NE(bad.status().message().find("http://"), std::string::npos) << bad.status().message();
  for (const char* ok : {"http://127.0.0.1:8080", "http://127.1.2.3", "http://localhost:9",
                         "http://[::1]:80", "https://www.wixapis.com"}) {
    EXPECT_TRUE(check_url_allowed(ok).ok()) << ok;
  }
  for (const char* no :
       {"http://128.0.0.1", "http://127.0.0.1.evil.com", "http://localhost.evil", "http://10.0.0.1",
        "ftp://127.0.0.1", "file:///etc/passwd", "not a url", "http://127.0.0.256",
        // No IPv4 address to libcurl (08 is not octal): it would be resolved through DNS.
        "http://127.0.0.08/", "http://0127.0.0.1"}) {
    EXPECT_EQ(check_url_allowed(no).code(), Code::kConfig) << no;
  }
}

TEST(WixClient, CurlTransportRefusesPlainHttpToo) {
  CurlTransport curl;
  HttpRequest r{"GET", "http://www.wixapis.com/x", {}, ""};
  auto sent = curl.send(r);
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.status().code(), Code::kConfig);
  EXPECT_EQ(failure_of(sent.status()), TransportFailure::kNotSent);
}

TEST(WixClient, MissingSiteOrKeyIsAConfigError) {
  FakeTransport t;
  EXPECT_EQ(Client::create({"https://wix.test", "", "IST.k"}, t).status().code(), Code::kConfig);
  EXPECT_EQ(Client::create({"https://wix.test", "s", ""}, t).status().code(), Code::kConfig);
  EXPECT_EQ(Client::create({"https://wix.test", "s", "IST.k\r\nX: y"}, t).status().code(),
            Code::kConfig);
}

TEST(WixClient, SuccessParsesJsonAndEmptyBodies) {
  FakeTransport t;
  Client c = Client::create({"https://wix.test", "s", "IST.k"}, t).value();
  t.push_status(200, R"({"catalogVersion":"V3_CATALOG"})");
  auto r = c.call("GET", "/stores/v3/provision/version");
  ASSERT_TRUE(r.ok()) << r.status().message();
  const cJSON* v = cJSON_GetObjectItemCaseSensitive(r->body.get(), "catalogVersion");
  ASSERT_TRUE(cJSON_IsString(v));
  EXPECT_STREQ(v->valuestring, "V3_CATALOG");
  t.push_status(204, "");
  auto empty = c.call("DELETE", "/x");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->body, nullptr);
}

TEST(WixClient, TruncatedSuccessBodyIsUncertain) {
  FakeTransport t;
  Client c = Client::create({"https://wix.test", "s", "IST.k"}, t).value();
  t.push_status(200, R"({"inventoryItem":{"id":"a","quan)");
  WixError err;
  auto r = c.call("POST", "/x", nullptr, &err);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(err.outcome, Outcome::kUncertain);
  EXPECT_EQ(r.status().code(), Code::kTemporary);
}

// Two values, or one and then garbage: what Wix applied is unknown, as for one cut short.
TEST(WixClient, SuccessBodyWithTextAfterTheJsonIsUncertain) {
  FakeTransport t;
  Client c = Client::create({"https://wix.test", "s", "IST.k"}, t).value();
  for (const char* body : {R"({"inventoryItem":{"id":"a"}} {"inventoryItem":{"id":"b"}})",
                           R"({"inventoryItem":{"id":"a"}}})"}) {
    t.push_status(200, body);
    WixError err;
    auto r = c.call("POST", "/x", nullptr, &err);
    ASSERT_FALSE(r.ok()) << body;
    EXPECT_EQ(err.outcome, Outcome::kUncertain) << body;
  }
}

TEST(WixClient, ErrorsCarryClassificationAndNeverTheKey) {
  FakeTransport t;
  Client c = Client::create({"https://wix.test", "s", "IST.never-shown-77"}, t).value();
  t.push_status(401, R"({"message":"bad key IST.never-shown-77","details":{}})");
  WixError err;
  auto r = c.call("GET", "/x", nullptr, &err);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kUnauthenticated);
  EXPECT_EQ(err.http_status, 401);
  EXPECT_EQ(r.status().message().find("never-shown"), std::string::npos) << r.status().message();
}

TEST(WixClient, OddMethodsAndPathsAreRefusedBeforeSending) {
  FakeTransport t;
  Client c = Client::create({"https://wix.test", "s", "IST.k"}, t).value();
  EXPECT_EQ(c.call("GET\r\nX-Evil: 1", "/x").status().code(), Code::kUsage);
  EXPECT_EQ(c.call("get", "/x").status().code(), Code::kUsage);
  EXPECT_EQ(c.call("GET", "x").status().code(), Code::kUsage);
  EXPECT_EQ(c.call("GET", "/x y").status().code(), Code::kUsage);
  EXPECT_EQ(c.call("GET", "/x\r\nHost: evil").status().code(), Code::kUsage);
  EXPECT_TRUE(t.requests.empty());
}

TEST(TransportSeam, RetryAfterSecondsFormOnly) {
  EXPECT_EQ(parse_retry_after("120"), 120);
  EXPECT_EQ(parse_retry_after(" 3 \r"), 3);
  EXPECT_EQ(parse_retry_after("0"), 0);
  EXPECT_EQ(parse_retry_after("99999999999999999999"), 86'400);
  EXPECT_FALSE(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT").has_value());
  EXPECT_FALSE(parse_retry_after("").has_value());
  EXPECT_FALSE(parse_retry_after("-5").has_value());
}

TEST(TransportSeam, FailureKindFromStatusCode) {
  EXPECT_EQ(failure_of(Status::Ok()), TransportFailure::kNone);
  EXPECT_EQ(failure_of(not_sent("x")), TransportFailure::kNotSent);
  EXPECT_EQ(failure_of(config_error("x")), TransportFailure::kNotSent);
  EXPECT_EQ(failure_of(uncertain("x")), TransportFailure::kUncertain);
  EXPECT_EQ(failure_of(internal_error("x")), TransportFailure::kUncertain);
}

}  // namespace
}  // namespace shelfnode::wix
