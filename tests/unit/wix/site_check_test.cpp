#include "shelfnode/wix/site_check.h"

#include <gtest/gtest.h>

#include "fake_transport.h"

namespace shelfnode::wix {
namespace {

using testing::FakeSleeper;
using testing::FakeTransport;
using State = PermissionCheck::State;

constexpr const char* kDenied =
    R"({"message":"","details":{"applicationError":{"code":"PERMISSION_DENIED","description":""}}})";
constexpr const char* kInvalid =
    R"({"message":"bad","details":{"validationError":{"fieldViolations":[)"
    R"({"field":"incrementData","description":"must contain at least 1 entry"}]}}})";

class SiteCheckTest : public ::testing::Test {
 protected:
  SiteCheckTest()
      : clock_(0),
        sleeper_(clock_),
        limiter_(6000, clock_, sleeper_),
        backoff_(5),
        client_(
            Client::create({"https://wix.test", "site-1", "IST.check-key"}, transport_).value()),
        api_(client_, limiter_, backoff_, sleeper_, RetryPolicy{4, 120'000}) {}

  void version(const char* v) {
    transport_.push_status(200, std::string(R"({"catalogVersion":")") + v + "\"}");
  }
  std::vector<std::string> paths() const {
    std::vector<std::string> out;
    for (const auto& r : transport_.requests) out.push_back(r.method + " " + r.url.substr(16));
    return out;
  }

  FakeTransport transport_;
  FakeClock clock_;
  FakeSleeper sleeper_;
  RateLimiter limiter_;
  Backoff backoff_;
  Client client_;
  RetryingClient api_;
};

TEST_F(SiteCheckTest, V1SiteWithEveryPermission) {
  version("V1_CATALOG");
  for (int i = 0; i < 3; ++i) transport_.push_status(200, "{}");
  transport_.push_status(400, kInvalid);
  auto check = check_site(api_);
  ASSERT_TRUE(check.ok()) << check.status().message();
  EXPECT_TRUE(check->failure.ok()) << check->failure.message();
  EXPECT_EQ(check->catalog_version, "V1_CATALOG");
  ASSERT_EQ(check->permissions.size(), 4u);
  for (const auto& p : check->permissions) EXPECT_EQ(p.state, State::kOk) << p.scope;
  EXPECT_EQ(paths(),
            (std::vector<std::string>{
                "GET /stores/v3/provision/version", "POST /stores-reader/v1/products/query",
                "POST /stores-reader/v2/inventoryItems/query", "POST /ecom/v1/orders/search",
                "POST /stores/v2/inventoryItems/increment"}));
  EXPECT_EQ(check->default_location_id, "");
}

TEST_F(SiteCheckTest, WriteProbesCarryNoEntries) {
  version("V1_CATALOG");
  for (int i = 0; i < 3; ++i) transport_.push_status(200, "{}");
  transport_.push_status(400, kInvalid);
  ASSERT_TRUE(check_site(api_).ok());
  EXPECT_EQ(transport_.requests.back().body, R"({"incrementData":[]})");

  transport_.requests.clear();
  version("V3_CATALOG");
  for (int i = 0; i < 3; ++i) transport_.push_status(200, "{}");
  transport_.push_status(400, kInvalid);
  transport_.push_status(200, R"({"storesLocations":[{"id":"loc-1","defaultLocation":true}]})");
  auto v3 = check_site(api_);
  ASSERT_TRUE(v3.ok()) << v3.status().message();
  EXPECT_EQ(transport_.requests[4].url,
            "https://wix.test/stores/v3/bulk/inventory-items/increment");
  EXPECT_EQ(transport_.requests[4].body, R"({"incrementData":[]})");
  // Reads ask for one record only.
  for (std::size_t i = 1; i < 4; ++i) {
    EXPECT_NE(transport_.requests[i].body.find(R"("limit":1)"), std::string::npos)
        << transport_.requests[i].body;
  }
}

TEST_F(SiteCheckTest, V3SiteReadsTheDefaultLocation) {
  version("V3_CATALOG");
  for (int i = 0; i < 3; ++i) transport_.push_status(200, "{}");
  transport_.push_status(400, kInvalid);
  transport_.push_status(
      200, R"({"storesLocations":[{"id":"loc-main","defaultLocation":true}],"pagingMetadata":{}})");
  auto check = check_site(api_);
  ASSERT_TRUE(check.ok()) << check.status().message();
  EXPECT_TRUE(check->failure.ok()) << check->failure.message();
  EXPECT_EQ(check->default_location_id, "loc-main");
  // The public Query Stores Locations, not the internal GET .../locations/default [SDK:loc3].
  EXPECT_EQ(paths().back(), "POST /stores/v3/locations/query");
  EXPECT_EQ(transport_.requests.back().body,
            R"({"query":{"filter":{"defaultLocation":{"$eq":true}},"cursorPaging":{"limit":1}}})");
  EXPECT_STREQ(check->permissions[3].scope, "SCOPE.STORES.INVENTORY_ITEM_WRITE");
  ASSERT_EQ(check->permissions.size(), 5u);
  EXPECT_STREQ(check->permissions[4].scope, "SCOPE.STORES.LOCATION_READ");
  EXPECT_EQ(check->permissions[4].state, State::kOk);
}

TEST_F(SiteCheckTest, MissingLocationPermissionIsNamedInTheOwnersWords) {
  version("V3_CATALOG");
  for (int i = 0; i < 3; ++i) transport_.push_status(200, "{}");
  transport_.push_status(400, kInvalid);
  transport_.push_status(403, kDenied);
  auto check = check_site(api_);
  ASSERT_TRUE(check.ok());
  EXPECT_EQ(check->permissions[4].state, State::kMissing);
  EXPECT_EQ(check->failure.code(), Code::kPermission);
  EXPECT_NE(check->failure.message().find("'Read Stores Locations in v3 catalog' "
                                          "(SCOPE.STORES.LOCATION_READ, to find the default "
                                          "location)"),
            std::string::npos)
      << check->failure.message();
}

TEST_F(SiteCheckTest, ALocationThatIsNotTheDefaultIsNotTaken) {
  version("V3_CATALOG");
  for (int i = 0; i < 3; ++i) transport_.push_status(200, "{}");
  transport_.push_status(400, kInvalid);
  transport_.push_status(200, R"({"storesLocations":[{"id":"loc-back","defaultLocation":false}]})");
  auto check = check_site(api_);
  ASSERT_TRUE(check.ok());
  EXPECT_EQ(check->failure.code(), Code::kBadData) << check->failure.message();
  EXPECT_TRUE(check->default_location_id.empty());
}

TEST_F(SiteCheckTest, ProbeAcceptedWithoutErrorStillMeansPermitted) {
  version("V1_CATALOG");
  for (int i = 0; i < 4; ++i) transport_.push_status(200, "{}");
  auto check = check_site(api_);
  ASSERT_TRUE(check.ok());
  EXPECT_TRUE(check->failure.ok()) << check->failure.message();
  EXPECT_EQ(check->permissions[3].state, State::kOk);
}

TEST_F(SiteCheckTest, MissingWritePermissionIsNamedInTheOwnersWords) {
  version("V1_CATALOG");
  for (int i = 0; i < 3; ++i) transport_.push_status(200, "{}");
  transport_.push_status(403, kDenied);
  auto check = check_site(api_);
  ASSERT_TRUE(check.ok());
  EXPECT_EQ(check->permissions[3].state, State::kMissing);
  EXPECT_EQ(check->failure.code(), Code::kPermission);
  const std::string& m = check->failure.message();
  EXPECT_NE(m.find("lacks 1 permission this device needs: 'Manage Products' "
                   "(SCOPE.DC-STORES.MANAGE-PRODUCTS, to update stock)"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("API Keys Manager"), std::string::npos) << m;
  EXPECT_NE(m.find("catalog V1"), std::string::npos) << m;
}

TEST_F(SiteCheckTest, EveryMissingPermissionIsListedOnce) {
  version("V1_CATALOG");
  for (int i = 0; i < 3; ++i) transport_.push_status(403, kDenied);
  transport_.push_status(400, kInvalid);
  auto check = check_site(api_);
  ASSERT_TRUE(check.ok());
  const std::string& m = check->failure.message();
  EXPECT_NE(m.find("lacks 2 permissions"), std::string::npos) << m;
  EXPECT_NE(m.find("'Read Products' (SCOPE.DC-STORES.READ-PRODUCTS, to read products and read "
                   "stock)"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("'Read Orders'"), std::string::npos) << m;
  EXPECT_EQ(m.find("Manage Products' (SCOPE"), std::string::npos) << m;
}

// Finding the default location has its own permission [SDK:loc3], so a key without the
// inventory read still gets it checked: one visit to the API Keys Manager fixes both.
TEST_F(SiteCheckTest, V3WithoutInventoryReadStillChecksTheLocation) {
  version("V3_CATALOG");
  transport_.push_status(200, "{}");
  transport_.push_status(403, kDenied);
  transport_.push_status(200, "{}");
  transport_.push_status(403, kDenied);
  transport_.push_status(403, kDenied);
  auto check = check_site(api_);
  ASSERT_TRUE(check.ok());
  EXPECT_EQ(transport_.requests.size(), 6u);
  const std::string& m = check->failure.message();
  EXPECT_NE(m.find("'Read inventory in v3 catalog'"), std::string::npos) << m;
  EXPECT_NE(m.find("'Read Stores Locations in v3 catalog' (SCOPE.STORES.LOCATION_READ"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("catalog V3"), std::string::npos);
}

TEST_F(SiteCheckTest, UnknownKeyStopsAtOnce) {
  transport_.push_status(401, R"({"message":"unauthenticated"})");
  auto check = check_site(api_);
  ASSERT_FALSE(check.ok());
  EXPECT_EQ(check.status().code(), Code::kUnauthenticated);
  EXPECT_NE(check.status().message().find("HTTP 401"), std::string::npos);
  EXPECT_NE(check.status().message().find("account that owns the site"), std::string::npos);
  EXPECT_EQ(transport_.requests.size(), 1u);
}

TEST_F(SiteCheckTest, KeyNotValidForTheSite) {
  transport_.push_status(403, kDenied);
  auto check = check_site(api_);
  ASSERT_FALSE(check.ok());
  EXPECT_EQ(check.status().code(), Code::kPermission);
  EXPECT_NE(check.status().message().find("be allowed on this site"), std::string::npos);
}

TEST_F(SiteCheckTest, StoresNotInstalledIsConfiguration) {
  version("STORES_NOT_INSTALLED");
  auto check = check_site(api_);
  ASSERT_FALSE(check.ok());
  EXPECT_EQ(check.status().code(), Code::kConfig);
  EXPECT_EQ(check.status().message(),
            "Wix Stores is not installed on this site: add Wix Stores in the dashboard, then "
            "connect again");
}

TEST_F(SiteCheckTest, UnknownCatalogVersionIsRefused) {
  version("V4_CATALOG");
  auto check = check_site(api_);
  ASSERT_FALSE(check.ok());
  EXPECT_EQ(check.status().code(), Code::kBadData);
}

TEST_F(SiteCheckTest, RateLimitStormSaysWhenToTryAgain) {
  for (int i = 0; i < 4; ++i) transport_.push_status(429, "{}", 7);
  auto check = check_site(api_);
  ASSERT_FALSE(check.ok());
  EXPECT_EQ(check.status().code(), Code::kTemporary);
  EXPECT_NE(check.status().message().find("Wix is rate limiting; try again in 7 s"),
            std::string::npos)
      << check.status().message();
  EXPECT_EQ(sleeper_.sleeps.size(), 3u);
  for (auto ms : sleeper_.sleeps) EXPECT_GE(ms, 7'000);
}

TEST_F(SiteCheckTest, UnreachableIsUnavailable) {
  for (int i = 0; i < 4; ++i) transport_.push(not_sent("cannot connect"));
  auto check = check_site(api_);
  ASSERT_FALSE(check.ok());
  EXPECT_EQ(check.status().code(), Code::kUnavailable);
}

TEST_F(SiteCheckTest, FailureMidwayLeavesTheRestUnchecked) {
  version("V1_CATALOG");
  transport_.push_status(200, "{}");
  transport_.push_status(401, "{}");
  auto check = check_site(api_);
  ASSERT_TRUE(check.ok());
  EXPECT_EQ(check->failure.code(), Code::kUnauthenticated);
  EXPECT_EQ(check->permissions[0].state, State::kOk);
  EXPECT_EQ(check->permissions[1].state, State::kNotChecked);
  EXPECT_EQ(check->permissions[3].state, State::kNotChecked);
  EXPECT_EQ(transport_.requests.size(), 3u);
}

TEST_F(SiteCheckTest, UnexpectedRejectionNamesTheCall) {
  version("V1_CATALOG");
  transport_.push_status(428, R"({"message":"","details":{"applicationError":)"
                              R"({"code":"CATALOG_VERSION_MISMATCH","description":"no"}}})");
  auto check = check_site(api_);
  ASSERT_TRUE(check.ok());
  EXPECT_EQ(check->failure.code(), Code::kBadData);
  EXPECT_NE(check->failure.message().find("POST /stores-reader/v1/products/query"),
            std::string::npos)
      << check->failure.message();
}

}  // namespace
}  // namespace shelfnode::wix
