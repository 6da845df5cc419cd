#include "connect_fixture.h"

namespace shelfnode::connect_test {
namespace {

class WixCall : public ConnectTest {
 protected:
  void SetUp() override {
    ConnectTest::SetUp();
    keys_.push_back(kV1Key);
    support::write_connection(dir(), emulator(), kV1Site, kV1Key);
  }
};

TEST_F(WixCall, PrintsStatusAndPrettyBody) {
  auto r = run({"wix", "call", "get", "/stores/v3/provision/version"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  ASSERT_EQ(r.out.rfind("HTTP 200\n", 0), 0u) << r.out;
  JsonPtr body = parse_json(r.out.substr(9));
  ASSERT_NE(body, nullptr) << r.out;
  EXPECT_STREQ(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(body.get(), "catalogVersion")),
               "V1_CATALOG");
  EXPECT_TRUE(contains(r.out, "\n\t\"catalogVersion\"")) << "not pretty-printed:\n" << r.out;
  EXPECT_EQ(r.err, "");
  // The emulator logs the key redacted; the 200 above proves the real one was sent.
  JsonPtr log = requests();
  const cJSON* first =
      cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(log.get(), "requests"), 0);
  EXPECT_STREQ(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(first, "method")), "GET");
}

TEST_F(WixCall, SendsTheDataAsItsBody) {
  auto r = run({"wix", "call", "POST", "/stores/v1/products/query", "--data",
                R"({"query":{"paging":{"limit":1}}})"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  JsonPtr body = parse_json(r.out.substr(r.out.find('\n') + 1));
  ASSERT_NE(body, nullptr) << r.out;
  EXPECT_EQ(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(body.get(), "products")), 1);
}

TEST_F(WixCall, FullUrlsAreRefusedAndNothingIsSent) {
  for (const std::string path :
       {"https://evil.example/stores/v3/provision/version", "//evil.example/x",
        "/redirect?to=https://evil.example", "stores/v3/provision/version"}) {
    auto r = run({"wix", "call", "GET", path});
    EXPECT_EQ(r.exit_code, 64) << path << "\n" << describe(r);
    EXPECT_TRUE(contains(r.err, "e.g. `shelfnode wix call GET /stores/v3/provision/version`"))
        << r.err;
    EXPECT_EQ(r.out, "");
  }
  EXPECT_EQ(request_count(), 0);
}

TEST_F(WixCall, BadJsonDataNamesThePosition) {
  auto r = run({"wix", "call", "POST", "/stores/v1/products/query", "--data", R"({"query": x})"});
  EXPECT_EQ(r.exit_code, 65) << describe(r);
  EXPECT_TRUE(contains(r.err, "--data is not valid JSON: error at character 11 (near 'x}')"))
      << r.err;
  EXPECT_EQ(request_count(), 0);
}

TEST_F(WixCall, UnknownMethodIsAUsageError) {
  auto r = run({"wix", "call", "FETCH", "/stores/v3/provision/version"});
  EXPECT_EQ(r.exit_code, 64) << describe(r);
  EXPECT_TRUE(contains(r.err, "GET, POST, PATCH, PUT, DELETE")) << r.err;
}

TEST_F(WixCall, HtmlNotFoundPageIsShownAndFails) {
  auto r = run({"wix", "call", "GET", "/no/such/route"});
  EXPECT_EQ(r.exit_code, 65) << describe(r);
  EXPECT_EQ(r.out.rfind("HTTP 404\n", 0), 0u) << r.out;
  EXPECT_TRUE(contains(r.out, "Not Found")) << r.out;
  EXPECT_TRUE(contains(r.out, "<html")) << "the page as Wix sent it:\n" << r.out;
  EXPECT_EQ(r.err.rfind("shelfnode: ", 0), 0u) << r.err;
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "want one line:\n" << r.err;
}

TEST_F(WixCall, RefusedCallExitsWithItsStatusCode) {
  auto r = run({"wix", "call", "GET", "/stores/v3/locations/default"});  // V1 key: no V3 scope
  EXPECT_EQ(r.exit_code, 77) << describe(r);
  ASSERT_EQ(r.out.rfind("HTTP 403\n", 0), 0u) << r.out;
  JsonPtr body = parse_json(r.out.substr(9));
  ASSERT_NE(body, nullptr) << "Wix's error body, as JSON:\n" << r.out;
  const cJSON* app_error = cJSON_GetObjectItemCaseSensitive(
      cJSON_GetObjectItemCaseSensitive(body.get(), "details"), "applicationError");
  EXPECT_STREQ(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(app_error, "code")),
               "PERMISSION_DENIED")
      << r.out;
}

TEST_F(WixCall, NoAnswerIsUnavailable) {
  ASSERT_EQ(admin("POST", "/_emulator/faults",
                  R"({"kind":"drop","path":"/stores/v3/provision/version","count":5})")
                .status,
            200);
  auto r = run({"wix", "call", "GET", "/stores/v3/provision/version"});
  EXPECT_NE(r.exit_code, 0) << describe(r);
  EXPECT_TRUE(r.exit_code == 69 || r.exit_code == 75) << describe(r);
  EXPECT_EQ(r.out, "");
  // One attempt, never retried.
  EXPECT_EQ(request_count(), 1);
}

TEST_F(WixCall, NeedsAConnectedDevice) {
  support::TempDir other;
  ASSERT_EQ(run({"init"}, other.path()).exit_code, 0);
  auto r = run({"wix", "call", "GET", "/stores/v3/provision/version"}, other.path());
  EXPECT_EQ(r.exit_code, 78) << describe(r);
  EXPECT_TRUE(contains(r.err, "connect")) << r.err;
}

}  // namespace
}  // namespace shelfnode::connect_test
