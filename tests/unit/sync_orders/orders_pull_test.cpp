#include "unit/sync_orders/pull_fixture.h"

namespace shelfnode::sync::testing {
namespace {

// Requests, paging, the cursor, configuration and failures.

TEST_F(OrdersPullTest, AsksForChangesSinceTheCursorOldestFirstThenFollowsTheCursorOnly) {
  config_.order_statuses = {"APPROVED", "PENDING"};
  answer("", "page-2");
  answer("");
  auto r = pull();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->pages, 2);
  EXPECT_EQ(r->requests, 2);
  ASSERT_EQ(transport_.requests.size(), 2u);
  EXPECT_EQ(transport_.requests[0].method, "POST");
  EXPECT_EQ(transport_.requests[0].url, "https://wix.test/ecom/v1/orders/search");
  EXPECT_EQ(to_json_text(request_body(0).get()),
            R"({"search":{"filter":{"updatedDate":{"$gte":"2026-11-01T00:00:00.000Z"},)"
            R"("status":{"$in":["APPROVED","PENDING","CANCELED"]}},)"
            R"("sort":[{"fieldName":"updatedDate","order":"ASC"}],"cursorPaging":{"limit":100}}})");
  EXPECT_EQ(to_json_text(request_body(1).get()),
            R"({"search":{"cursorPaging":{"limit":100,"cursor":"page-2"}}})");
  EXPECT_EQ(r->cursor, kConnected);
}

TEST_F(OrdersPullTest, TheCursorNeverMovesBack) {
  ASSERT_TRUE(store::set_meta(*db_, kOrdersCursorKey, "2026-11-23T00:00:00.000Z").ok());
  ASSERT_TRUE(store::set_meta(*db_, kOrdersSinceKey, kConnected).ok());
  answer(recorded::kV1ManagedVariant);  // updated on the 20th
  auto r = pull();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->cursor, "2026-11-23T00:00:00.000Z");
  JsonPtr body = request_body(0);
  EXPECT_NE(to_json_text(body.get()).find(R"("$gte":"2026-11-23T00:00:00.000Z")"),
            std::string::npos);
}

TEST_F(OrdersPullTest, AMissingFulfilmentWarehouseIsAConfigErrorBeforeAnyRequest) {
  config_.fulfilment_warehouse = "dock";
  auto r = pull();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kConfig);
  EXPECT_EQ(r.status().exit_code(), 78);
  EXPECT_NE(r.status().message().find("sync.fulfilment_warehouse"), std::string::npos);
  EXPECT_NE(r.status().message().find("'dock'"), std::string::npos);
  EXPECT_TRUE(transport_.requests.empty());
}

TEST_F(OrdersPullTest, AnUnmappedFulfilmentWarehouseIsAConfigError) {
  config_.fulfilment_warehouse = "back";
  auto r = pull();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kConfig);
  EXPECT_NE(r.status().message().find("not mapped"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("shelfnode warehouse map back"), std::string::npos);
  EXPECT_TRUE(transport_.requests.empty());
}

TEST_F(OrdersPullTest, WithNoMappedWarehouseEveryLineIsSkipped) {
  ASSERT_TRUE(ledger::set_mapped(*db_, "shop", false).ok());
  stock("OAK-SHELF-60", shop_, 5);
  answer(recorded::kV1WithoutVariants);
  auto r = pull();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->lines_skipped, 2);
  EXPECT_EQ(qty("OAK-SHELF-60", shop_), 5);
}

TEST_F(OrdersPullTest, AFailedSearchKeepsTheCursorAndAppliesNothing) {
  stock("OAK-SHELF-60", shop_, 5);
  answer(recorded::kV1WithoutVariants, "page-2");
  transport_.push_status(500, R"({"message":"","details":{}})");
  auto r = pull();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kTemporary);  // uncertain: the next round tries again
  EXPECT_EQ(transport_.requests.size(), 2u);       // a search is not resent here
  EXPECT_EQ(qty("OAK-SHELF-60", shop_), 4);        // the first page stays applied
  EXPECT_EQ(*store::get_meta(*db_, kOrdersCursorKey).value(), "2026-11-21T09:00:00.000Z");
  answer(recorded::kV1WithoutVariants);
  auto again = pull();
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->lines_applied, 0);
  EXPECT_EQ(qty("OAK-SHELF-60", shop_), 4);
}

TEST_F(OrdersPullTest, AnAnswerWithoutOrdersIsBadData) {
  transport_.push_status(200, R"({"metadata":{}})");
  auto r = pull();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kBadData);
}

TEST_F(OrdersPullTest, ARepeatedPagingCursorStopsThePull) {
  answer("", "same");
  answer("", "same");
  auto r = pull();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(transport_.requests.size(), 2u);
}

}  // namespace
}  // namespace shelfnode::sync::testing
