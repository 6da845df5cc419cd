#include <gtest/gtest.h>

#include "unit/sync_inventory/fake_wix.h"

namespace shelfnode::sync {
namespace {

using wix::Outcome;

std::vector<DeltaEntry> deltas(int n, std::int64_t amount = 2) {
  std::vector<DeltaEntry> out;
  for (int i = 0; i < n; ++i) {
    const std::string k = std::to_string(i);
    out.push_back({{"SKU" + k, "p" + k, "v" + k}, "item-" + k, amount});
  }
  return out;
}

std::vector<SetEntry> sets(int n) {
  std::vector<SetEntry> out;
  for (int i = 0; i < n; ++i) {
    const std::string k = std::to_string(i);
    out.push_back({{"SKU" + k, "p" + k, "v" + k}, "item-" + k, "3", i % 50});
  }
  return out;
}

class V3WriteTest : public testing::FakeWixTest {
 protected:
  std::unique_ptr<InventoryApi> api_ = make_v3_inventory(retrying_, "loc-main");
};

TEST_F(V3WriteTest, IncrementSendsItemIdsAndAmounts) {
  answer(testing::bulk_ok(2));
  auto out = api_->increment(deltas(2, 5));
  ASSERT_EQ(sent(), 1u);
  EXPECT_EQ(path(0), "/stores/v3/bulk/inventory-items/increment");
  EXPECT_EQ(
      body(0),
      R"({"incrementData":[{"inventoryItemId":"item-0","incrementBy":5},)"
      R"({"inventoryItemId":"item-1","incrementBy":5}],"returnEntity":false,"reason":"MANUAL"})");
  EXPECT_EQ(out[0].outcome, Outcome::kSuccess);
  EXPECT_EQ(out[1].outcome, Outcome::kSuccess);
}

TEST_F(V3WriteTest, DecrementAlwaysSaysRestrictInventory) {
  answer(testing::bulk_ok(1));
  auto out = api_->decrement(deltas(1, 4));
  EXPECT_EQ(path(0), "/stores/v3/bulk/inventory-items/decrement");
  // Explicit, as the two Wix pages disagree on its default [SDK:inv3].
  EXPECT_EQ(
      body(0),
      R"({"decrementData":[{"inventoryItemId":"item-0","decrementBy":4,"preorderRequest":false}],)"
      R"("restrictInventory":true,"returnEntity":false,"reason":"MANUAL"})");
  EXPECT_EQ(out[0].outcome, Outcome::kSuccess);
}

TEST_F(V3WriteTest, ThreeHundredAndOneDeltasAreTwoCalls) {
  answer(testing::bulk_ok(300));
  answer(testing::bulk_ok(1));
  auto out = api_->decrement(deltas(301));
  ASSERT_EQ(sent(), 2u);
  EXPECT_EQ(testing::array_size(json(0).get(), "decrementData"), 300u);
  EXPECT_EQ(testing::array_size(json(1).get(), "decrementData"), 1u);
  for (const EntryOutcome& o : out) EXPECT_EQ(o.outcome, Outcome::kSuccess);
}

TEST_F(V3WriteTest, PerItemFailuresReachTheirEntriesByOriginalIndex) {
  // Results out of order; entry 1 refused (an online sale got there first), entry 0 fine.
  answer(
      R"({"results":[{"itemMetadata":{"id":"item-2","originalIndex":1,"success":false,)"
      R"("error":{"code":"INSUFFICIENT_INVENTORY","description":"Not enough stock","data":{}}}},)"
      R"({"itemMetadata":{"id":"item-0","originalIndex":0,"success":true}}],)"
      R"("bulkActionMetadata":{"totalSuccesses":1,"totalFailures":1,"undetailedFailures":0}})");
  std::vector<DeltaEntry> e = deltas(3);
  e[1].amount = 0;  // refused here: Wix sees entries 0 and 2 as its 0 and 1
  auto out = api_->decrement(e);
  ASSERT_EQ(sent(), 1u);
  EXPECT_EQ(out[0].outcome, Outcome::kSuccess);
  EXPECT_EQ(out[1].outcome, Outcome::kRejected);
  EXPECT_EQ(out[1].error.code, kAmountOutOfRange);
  EXPECT_EQ(out[2].outcome, Outcome::kRejected);
  EXPECT_EQ(out[2].error.code, "INSUFFICIENT_INVENTORY");
  EXPECT_EQ(out[2].error.description, "Not enough stock");
  EXPECT_EQ(out[2].error.http_status, 200);
}

TEST_F(V3WriteTest, AnEntryWithoutAResultIsUncertain) {
  answer(R"({"results":[{"itemMetadata":{"originalIndex":0,"success":true}}],)"
         R"("bulkActionMetadata":{"totalSuccesses":1,"totalFailures":1,"undetailedFailures":1}})");
  auto out = api_->increment(deltas(2));
  EXPECT_EQ(out[0].outcome, Outcome::kSuccess);
  EXPECT_EQ(out[1].outcome, Outcome::kUncertain);
}

TEST_F(V3WriteTest, SecondCallsIndicesAreItsOwn) {
  answer(testing::bulk_ok(300));
  answer(R"({"results":[{"itemMetadata":{"originalIndex":0,"success":false,)"
         R"("error":{"code":"INVENTORY_QUANTITY_NOT_TRACKED","description":"x"}}}]})");
  auto out = api_->increment(deltas(301));
  EXPECT_EQ(out[0].outcome, Outcome::kSuccess);
  EXPECT_EQ(out[300].outcome, Outcome::kRejected);
  EXPECT_EQ(out[300].error.code, "INVENTORY_QUANTITY_NOT_TRACKED");
}

TEST_F(V3WriteTest, AWholeCallFailureIsEveryEntrysAndNotResent) {
  transport_.push(wix::uncertain("timeout after the request was sent"));
  answer(testing::bulk_ok(1));
  auto out = api_->decrement(deltas(301));
  ASSERT_EQ(sent(), 2u);
  for (std::size_t i = 0; i < 300; ++i) {
    EXPECT_EQ(out[i].outcome, Outcome::kUncertain) << i;
    EXPECT_EQ(out[i].error.http_status, 0);
  }
  EXPECT_EQ(out[300].outcome, Outcome::kSuccess);
}

TEST_F(V3WriteTest, AfterACallThatWasNotSentTheRestAreNotTried) {
  answer(testing::bulk_ok(300));
  for (int i = 0; i < 4; ++i) answer_status(503);
  auto out = api_->increment(deltas(900));
  ASSERT_EQ(sent(), 5u);
  EXPECT_EQ(out[299].outcome, Outcome::kSuccess);
  for (std::size_t i = 300; i < 900; ++i) {
    EXPECT_EQ(out[i].outcome, Outcome::kNotSent) << i;
    EXPECT_EQ(out[i].error.http_status, 503) << i;
  }
  EXPECT_EQ(api_->calls(), 5);
}

TEST_F(V3WriteTest, SetSendsWrappedEntriesWithRevision) {
  answer(testing::bulk_ok(2));
  auto out =
      api_->set({{{"A", "p", "v1"}, "item-1", "4", 10}, {{"B", "p", "v2"}, "item-2", "9", 0}});
  ASSERT_EQ(sent(), 1u);
  EXPECT_EQ(path(0), "/stores/v3/bulk/inventory-items/update");
  EXPECT_EQ(body(0),
            R"({"inventoryItems":[{"inventoryItem":{"id":"item-1","revision":"4","quantity":10}},)"
            R"({"inventoryItem":{"id":"item-2","revision":"9","quantity":0}}],)"
            R"("returnEntity":false,"reason":"MANUAL"})");
  EXPECT_EQ(out[0].outcome, Outcome::kSuccess);
  EXPECT_EQ(out[1].outcome, Outcome::kSuccess);
}

TEST_F(V3WriteTest, ThousandAndOneSetsAreTwoCalls) {
  answer(testing::bulk_ok(1000));
  answer(testing::bulk_ok(1));
  auto out = api_->set(sets(1001));
  ASSERT_EQ(sent(), 2u);
  EXPECT_EQ(testing::array_size(json(0).get(), "inventoryItems"), 1000u);
  EXPECT_EQ(testing::array_size(json(1).get(), "inventoryItems"), 1u);
  EXPECT_NE(body(1).find(R"("id":"item-1000")"), std::string::npos);
  for (const EntryOutcome& o : out) EXPECT_EQ(o.outcome, Outcome::kSuccess);
}

TEST_F(V3WriteTest, AStaleRevisionFailsThatEntryAlone) {
  answer(
      R"({"results":[{"itemMetadata":{"id":"item-0","originalIndex":0,"success":true}},)"
      R"({"itemMetadata":{"id":"item-1","originalIndex":1,"success":false,"error":)"
      R"({"code":"REVISION_MISMATCH","description":"Revision 3 does not match current revision 4"}}}]})");
  auto out = api_->set(sets(2));
  EXPECT_EQ(out[0].outcome, Outcome::kSuccess);
  EXPECT_EQ(out[1].outcome, Outcome::kRejected);
  EXPECT_EQ(out[1].error.code, "REVISION_MISMATCH");
}

TEST_F(V3WriteTest, SetEntriesWithoutItemOrRevisionOrInRangeQuantityAreNotSent) {
  answer(testing::bulk_ok(1));
  std::vector<SetEntry> e = sets(4);
  e[0].inventory_item_id = "";
  e[1].revision = "";
  e[2].quantity = -1;
  auto out = api_->set(e);
  ASSERT_EQ(sent(), 1u);
  EXPECT_EQ(testing::array_size(json(0).get(), "inventoryItems"), 1u);
  EXPECT_EQ(out[0].error.code, kMissingWixId);
  EXPECT_EQ(out[1].error.code, kMissingWixId);
  EXPECT_EQ(out[2].error.code, kQuantityOutOfRange);
  EXPECT_EQ(out[3].outcome, Outcome::kSuccess);
}

TEST_F(V3WriteTest, WritesNeverAskForTheLocation) {
  auto api = make_v3_inventory(retrying_);
  answer(testing::bulk_ok(1));
  auto out = api->increment(deltas(1));
  ASSERT_EQ(sent(), 1u);
  EXPECT_EQ(path(0), "/stores/v3/bulk/inventory-items/increment");
  EXPECT_EQ(out[0].outcome, Outcome::kSuccess);
  EXPECT_STREQ(api->catalog_version(), "V3_CATALOG");
  EXPECT_EQ(api->max_delta_entries(), 300u);
}

}  // namespace
}  // namespace shelfnode::sync
