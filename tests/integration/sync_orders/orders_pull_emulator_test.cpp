#include "integration/sync_orders/orders_fixture.h"

namespace shelfnode::sync::testing {
namespace {

using shelfnode::testing::kV1Key;
using shelfnode::testing::kV1Site;
using shelfnode::testing::kV3Key;
using shelfnode::testing::kV3Site;

constexpr const char* kSearch = "/ecom/v1/orders/search";

class OrdersPullV1 : public OrdersEmulatorTest {
 protected:
  void SetUp() override {
    OrdersEmulatorTest::SetUp();
    if (HasFatalFailure()) return;
    connect(kV1Site, kV1Key);
  }

  // Every request the device sent to Wix went to the orders search: it never writes.
  void expect_only_searches() {
    JsonPtr log = parse_json(admin("GET", "/_emulator/requests").body);
    const cJSON* r = nullptr;
    int n = 0;
    cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(log.get(), "requests")) {
      EXPECT_EQ(text_of(r, "method"), "POST");
      EXPECT_EQ(text_of(r, "path"), kSearch);
      ++n;
    }
    EXPECT_GT(n, 0);
  }
};

TEST_F(OrdersPullV1, ACheckoutBecomesOneMovementPerLineAndARepullIsANoOp) {
  stock("OAK-SHELF-60", shop_, 12);
  stock("APRON-S", shop_, 5);  // a managed V1 variant: mapped through options.variantId
  outbox("OAK-SHELF-60", 12);
  outbox("APRON-S", 5);
  JsonPtr order =
      checkout(R"([{"sku":"OAK-SHELF-60","quantity":2},{"sku":"APRON-S","quantity":1}])");
  auto r = pull();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->orders_seen, 1);
  EXPECT_EQ(r->lines_applied, 2);
  EXPECT_EQ(r->pages, 1);
  EXPECT_EQ(r->requests, 1);
  EXPECT_EQ(qty("OAK-SHELF-60", shop_), 10);
  EXPECT_EQ(qty("APRON-S", shop_), 4);
  EXPECT_EQ(confirmed("OAK-SHELF-60"), 10);
  EXPECT_EQ(confirmed("APRON-S"), 4);
  EXPECT_EQ(r->cursor, text_of(order.get(), "updatedDate"));
  EXPECT_EQ(meta("sync.orders_cursor"), text_of(order.get(), "updatedDate"));
  const cJSON* first = cJSON_GetArrayItem(cJSON_GetObjectItem(order.get(), "lineItems"), 0);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM movements WHERE kind = 'order' AND reference = '" +
                   text_of(order.get(), "id") + ":" + text_of(first, "id") + "'"),
            1);

  const std::int64_t movements = scalar("SELECT COUNT(*) FROM movements");
  auto again = pull();
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->orders_seen, 1);  // $gte: the order at the cursor is seen again
  EXPECT_EQ(again->lines_applied, 0);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM movements"), movements);
  EXPECT_EQ(confirmed("OAK-SHELF-60"), 10);
  expect_only_searches();
}

TEST_F(OrdersPullV1, AnUnmanagedSkuIsRecordedAsSkippedAndLeftAlone) {
  stock("TOTE-NAT", back_, 4);  // counted only in an unmapped warehouse
  checkout(R"([{"sku":"TOTE-NAT","quantity":1}])");
  auto r = pull();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->lines_skipped, 1);
  EXPECT_EQ(r->lines_applied, 0);
  EXPECT_EQ(qty("TOTE-NAT", back_), 4);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM movements WHERE kind = 'order'"), 0);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM wix_order_lines WHERE state = 'skipped' AND"
                   " sku = 'TOTE-NAT' AND note LIKE 'SKU not managed%'"),
            1);
}

TEST_F(OrdersPullV1, ACancellationReversesExactlyOnceAndConfirmedFollowsTheRestock) {
  stock("OAK-SHELF-60", shop_, 12);
  outbox("OAK-SHELF-60", 12);
  JsonPtr restocked = checkout(R"([{"sku":"OAK-SHELF-60","quantity":3}])");
  JsonPtr kept = checkout(R"([{"sku":"OAK-SHELF-60","quantity":2}])");
  ASSERT_TRUE(pull().ok());
  EXPECT_EQ(qty("OAK-SHELF-60", shop_), 7);
  EXPECT_EQ(confirmed("OAK-SHELF-60"), 7);

  JsonPtr canceled = cancel(text_of(restocked.get(), "id"), true);
  auto r = pull();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->lines_reversed, 1);
  EXPECT_EQ(qty("OAK-SHELF-60", shop_), 10);
  EXPECT_EQ(confirmed("OAK-SHELF-60"), 10);  // Wix put the 3 back
  EXPECT_EQ(r->cursor, text_of(canceled.get(), "updatedDate"));

  cancel(text_of(kept.get(), "id"), false);
  auto r2 = pull();
  ASSERT_TRUE(r2.ok()) << r2.status().message();
  EXPECT_EQ(r2->lines_reversed, 1);
  EXPECT_EQ(qty("OAK-SHELF-60", shop_), 12);
  EXPECT_EQ(confirmed("OAK-SHELF-60"), 10);  // not restocked: Wix still shows 2 fewer

  for (int i = 0; i < 2; ++i) {
    auto again = pull();
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->lines_reversed + again->lines_applied, 0);
  }
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM movements WHERE kind = 'order_cancel'"), 2);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM wix_order_lines WHERE state = 'reversed'"), 2);
  EXPECT_EQ(scalar("SELECT SUM(delta) FROM movements WHERE sku = 'OAK-SHELF-60'"), 12);
  // The emulator truth: 12 − 3 − 2 + 3 (restock) = 10, the same as `confirmed`.
  JsonPtr truth =
      parse_json(admin("GET", "/_emulator/inventory?site=" + site_ + "&sku=OAK-SHELF-60").body);
  const cJSON* row = cJSON_GetArrayItem(cJSON_GetObjectItem(truth.get(), "items"), 0);
  EXPECT_EQ(cJSON_GetNumberValue(cJSON_GetObjectItem(row, "quantity")), 10);
}

TEST_F(OrdersPullV1, OnlyTheConfiguredStatusesCount) {
  config_.order_statuses = {"PENDING"};
  stock("OAK-SHELF-60", shop_, 12);
  checkout(R"([{"sku":"OAK-SHELF-60","quantity":1}])", R"(,"status":"PENDING")");
  checkout(R"([{"sku":"OAK-SHELF-60","quantity":4}])");  // APPROVED: not asked for
  auto r = pull();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->orders_seen, 1);
  EXPECT_EQ(r->lines_applied, 1);
  EXPECT_EQ(qty("OAK-SHELF-60", shop_), 11);

  config_.order_statuses = {"APPROVED"};  // PENDING orders are hidden unless named [SDK:ord]
  auto approved = pull();
  ASSERT_TRUE(approved.ok());
  EXPECT_EQ(approved->lines_applied, 1);
  EXPECT_EQ(qty("OAK-SHELF-60", shop_), 7);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM wix_order_lines"), 2);
}

TEST_F(OrdersPullV1, AnOrderPlacedBeforeConnectingIsNeverApplied) {
  stock("OAK-SHELF-60", shop_, 12);
  stock("APRON-S", shop_, 5);
  // Fixture order 10001 (January) is archived now: it changes after the device connected.
  update_order("6b5598bd-a182-4926-9f50-91045fb74f8b", R"("archived":true)");
  auto r = pull();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->orders_seen, 1);
  EXPECT_EQ(r->lines_skipped, 2);
  EXPECT_EQ(qty("OAK-SHELF-60", shop_), 12);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM wix_order_lines WHERE note ="
                   " 'placed before this device was connected'"),
            2);
}

TEST_F(OrdersPullV1, ArchivedOrdersCountLikeAnyOther) {
  stock("OAK-SHELF-60", shop_, 12);
  JsonPtr order = checkout(R"([{"sku":"OAK-SHELF-60","quantity":1}])");
  update_order(text_of(order.get(), "id"), R"("archived":true,"fulfillmentStatus":"FULFILLED")");
  auto r = pull();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->lines_applied, 1);
  EXPECT_EQ(qty("OAK-SHELF-60", shop_), 11);
}

TEST_F(OrdersPullV1, AFulfilmentWarehouseThatIsMissingOrUnmappedIsAConfigError) {
  config_.fulfilment_warehouse = "dock";
  auto missing = pull();
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().exit_code(), 78);
  EXPECT_NE(missing.status().message().find("sync.fulfilment_warehouse"), std::string::npos);
  config_.fulfilment_warehouse = "back";
  auto unmapped = pull();
  ASSERT_FALSE(unmapped.ok());
  EXPECT_EQ(unmapped.status().exit_code(), 78);
  EXPECT_NE(unmapped.status().message().find("not mapped"), std::string::npos);
  JsonPtr log = parse_json(admin("GET", "/_emulator/requests").body);
  EXPECT_EQ(cJSON_GetArraySize(cJSON_GetObjectItem(log.get(), "requests")), 0);

  ASSERT_TRUE(ledger::set_mapped(*db_, "back", true).ok());
  stock("OAK-SHELF-60", shop_, 12);
  checkout(R"([{"sku":"OAK-SHELF-60","quantity":1}])");
  ASSERT_TRUE(pull().ok());
  EXPECT_EQ(qty("OAK-SHELF-60", back_), -1);  // sold from the configured warehouse
  EXPECT_EQ(qty("OAK-SHELF-60", shop_), 12);
}

class OrdersPullV3 : public OrdersEmulatorTest {
 protected:
  void SetUp() override {
    OrdersEmulatorTest::SetUp();
    if (HasFatalFailure()) return;
    connect(kV3Site, kV3Key);
  }
};

TEST_F(OrdersPullV3, AV3VariantMapsThroughTheCatalogCache) {
  stock("JACKET-M", shop_, 1);
  stock("ROPE-10M", shop_, 20);
  outbox("ROPE-10M", 20);
  checkout(R"([{"sku":"JACKET-M","quantity":1},{"sku":"ROPE-10M","quantity":5}])");
  auto r = pull();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->lines_applied, 2);
  EXPECT_EQ(qty("JACKET-M", shop_), 0);
  EXPECT_EQ(qty("ROPE-10M", shop_), 15);
  EXPECT_EQ(confirmed("ROPE-10M"), 15);
}

}  // namespace
}  // namespace shelfnode::sync::testing
