#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "unit/sync_inventory/fake_wix.h"

namespace shelfnode::sync {
namespace {

using wix::Outcome;

constexpr const char* kZero = "00000000-0000-0000-0000-000000000000";

std::vector<DeltaEntry> deltas(int n, std::int64_t amount = 2) {
  std::vector<DeltaEntry> out;
  for (int i = 0; i < n; ++i)
    out.push_back({{"SKU" + std::to_string(i), "p" + std::to_string(i), kZero}, "", amount});
  return out;
}

class V1WriteTest : public testing::FakeWixTest {
 protected:
  std::unique_ptr<InventoryApi> api_ = make_v1_inventory(retrying_);
};

TEST_F(V1WriteTest, IncrementSendsProductAndVariantWithTheAmount) {
  answer("{}");
  auto out =
      api_->increment({{{"OAK", "p-shelf", kZero}, "", 3}, {{"APRON-S", "p-apron", "v-s"}, "", 1}});
  ASSERT_EQ(sent(), 1u);
  EXPECT_EQ(path(0), "/stores/v2/inventoryItems/increment");
  EXPECT_EQ(
      body(0),
      R"({"incrementData":[{"productId":"p-shelf","variantId":")" + std::string(kZero) +
          R"(","incrementBy":3},{"productId":"p-apron","variantId":"v-s","incrementBy":1}]})");
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].outcome, Outcome::kSuccess);
  EXPECT_EQ(out[1].outcome, Outcome::kSuccess);
}

TEST_F(V1WriteTest, DecrementNeverAsksForPreorderStock) {
  answer("{}");
  auto out = api_->decrement({{{"OAK", "p-shelf", kZero}, "", 4}});
  EXPECT_EQ(path(0), "/stores/v2/inventoryItems/decrement");
  EXPECT_EQ(body(0), R"({"decrementData":[{"productId":"p-shelf","variantId":")" +
                         std::string(kZero) + R"(","decrementBy":4,"preorderRequest":false}]})");
  EXPECT_EQ(out[0].outcome, Outcome::kSuccess);
}

TEST_F(V1WriteTest, ThreeHundredAndOneDeltasAreTwoCalls) {
  answer("{}");
  answer("{}");
  auto out = api_->increment(deltas(301));
  ASSERT_EQ(sent(), 2u);
  EXPECT_EQ(testing::array_size(json(0).get(), "incrementData"), 300u);
  EXPECT_EQ(testing::array_size(json(1).get(), "incrementData"), 1u);
  EXPECT_NE(body(1).find(R"("productId":"p300")"), std::string::npos);
  ASSERT_EQ(out.size(), 301u);
  for (const EntryOutcome& o : out) EXPECT_EQ(o.outcome, Outcome::kSuccess);
  EXPECT_EQ(api_->calls(), 2);
}

TEST_F(V1WriteTest, ARefusedCallRefusesEveryEntryOfThatCallOnly) {
  // The emulator's V1 refusal below zero (Wix's own is UNDOCUMENTED [R25]).
  answer_status(
      428,
      R"({"message":"Not enough stock","details":{"applicationError":{"code":)"
      R"("INSUFFICIENT_INVENTORY","description":"Not enough stock: 1 available, 2 requested"}}})");
  answer("{}");
  auto out = api_->decrement(deltas(301));
  ASSERT_EQ(sent(), 2u);
  for (std::size_t i = 0; i < 300; ++i) {
    EXPECT_EQ(out[i].outcome, Outcome::kRejected) << i;
    EXPECT_EQ(out[i].error.code, "INSUFFICIENT_INVENTORY");
    EXPECT_EQ(out[i].error.http_status, 428);
  }
  EXPECT_EQ(out[300].outcome, Outcome::kSuccess);
}

TEST_F(V1WriteTest, AnUncertainCallIsNeverResent) {
  answer_status(504);
  answer("{}");
  auto out = api_->decrement(deltas(301));
  ASSERT_EQ(sent(), 2u);  // the 504 once, then the second call: no resend of the first
  EXPECT_NE(body(1).find(R"("productId":"p300")"), std::string::npos);
  for (std::size_t i = 0; i < 300; ++i) EXPECT_EQ(out[i].outcome, Outcome::kUncertain) << i;
  EXPECT_EQ(out[0].error.http_status, 504);
  EXPECT_EQ(out[300].outcome, Outcome::kSuccess);
}

TEST_F(V1WriteTest, NotSentIsRetriedAndThenLandsOnce) {
  answer_status(503);
  answer("{}");
  auto out = api_->increment(deltas(1));
  ASSERT_EQ(sent(), 2u);
  EXPECT_EQ(body(0), body(1));
  EXPECT_EQ(out[0].outcome, Outcome::kSuccess);
  EXPECT_EQ(api_->calls(), 2);  // HTTP requests, the retry included
}

TEST_F(V1WriteTest, AfterACallThatWasNotSentTheRestAreNotTried) {
  for (int i = 0; i < 4; ++i) transport_.push(wix::not_sent("connection refused"));
  auto out = api_->increment(deltas(601));
  ASSERT_EQ(sent(), 4u);  // the first call's attempts only
  for (const std::string& b : {body(1), body(2), body(3)}) EXPECT_EQ(b, body(0));
  ASSERT_EQ(out.size(), 601u);
  for (const EntryOutcome& o : out) {
    EXPECT_EQ(o.outcome, Outcome::kNotSent);
    EXPECT_EQ(o.error.outcome, Outcome::kNotSent);
  }
  EXPECT_EQ(api_->calls(), 4);
}

TEST_F(V1WriteTest, EntriesOutsideWixBoundsAreRefusedWithoutSending) {
  answer("{}");
  std::vector<DeltaEntry> e = deltas(4);
  e[0].amount = 0;
  e[1].amount = 100'000;
  e[3].variant.product_id = "";
  auto out = api_->increment(e);
  ASSERT_EQ(sent(), 1u);
  EXPECT_EQ(testing::array_size(json(0).get(), "incrementData"), 1u);
  EXPECT_NE(body(0).find(R"("productId":"p2")"), std::string::npos);
  EXPECT_EQ(out[0].outcome, Outcome::kRejected);
  EXPECT_EQ(out[0].error.code, kAmountOutOfRange);
  EXPECT_EQ(out[0].error.http_status, 0);
  EXPECT_EQ(out[1].error.code, kAmountOutOfRange);
  EXPECT_EQ(out[2].outcome, Outcome::kSuccess);
  EXPECT_EQ(out[3].error.code, kMissingWixId);
}

TEST_F(V1WriteTest, NothingValidMakesNoCall) {
  auto out = api_->decrement(deltas(2, 0));
  EXPECT_EQ(sent(), 0u);
  EXPECT_EQ(out[1].outcome, Outcome::kRejected);
  EXPECT_TRUE(api_->decrement({}).empty());
  EXPECT_EQ(api_->calls(), 0);
}

// A V1 inventory query answer: one item per product, `variants` its variant IDs, each
// at quantity 1 when tracked.
std::string items(const std::vector<std::pair<std::string, std::vector<std::string>>>& products,
                  bool tracked = true) {
  std::string list;
  for (const auto& p : products) {
    std::string variants;
    for (const std::string& v : p.second) {
      if (!variants.empty()) variants += ",";
      variants += R"({"variantId":")" + v + R"(","inStock":true)" +
                  std::string(tracked ? R"(,"quantity":1})" : "}");
    }
    if (!list.empty()) list += ",";
    list += R"({"id":"inv-)" + p.first + R"(","productId":")" + p.first + R"(","trackQuantity":)" +
            (tracked ? "true" : "false") + R"(,"variants":[)" + variants + "]}";
  }
  return R"({"inventoryItems":[)" + list + R"(],"metadata":{"items":)" +
         std::to_string(products.size()) + R"(,"offset":0},"totalResults":)" +
         std::to_string(products.size()) + "}";
}

// Wix takes a PATCH without `trackQuantity` as `false` for every variant of the product
// [SDK:inv1]: each PATCH carries the tracking the read found (a set before this rule
// left it out and would have untracked the product).
TEST_F(V1WriteTest, SetIsOneReadThenOnePatchPerProductThatKeepsItsTracking) {
  answer(items({{"p-apron", {"v-s", "v-m", "v-l"}}, {"p-shelf", {kZero}}}));
  answer("{}");
  answer("{}");
  auto out = api_->set({{{"APRON-S", "p-apron", "v-s"}, "", "", 4},
                        {{"OAK", "p-shelf", kZero}, "", "", 0},
                        {{"APRON-L", "p-apron", "v-l"}, "", "", 7}});
  ASSERT_EQ(sent(), 3u);
  EXPECT_EQ(path(0), "/stores-reader/v2/inventoryItems/query");
  EXPECT_EQ(method(1), "PATCH");
  EXPECT_EQ(path(1), "/stores/v2/inventoryItems/product/p-apron");
  EXPECT_EQ(body(1), R"({"inventoryItem":{"trackQuantity":true,"variants":[)"
                     R"({"variantId":"v-s","quantity":4},{"variantId":"v-l","quantity":7}]}})");
  EXPECT_EQ(path(2), "/stores/v2/inventoryItems/product/p-shelf");
  EXPECT_EQ(body(2), R"({"inventoryItem":{"trackQuantity":true,"variants":[{"variantId":")" +
                         std::string(kZero) + R"(","quantity":0}]}})");
  for (const EntryOutcome& o : out) EXPECT_EQ(o.outcome, Outcome::kSuccess);
  EXPECT_EQ(api_->calls(), 3);
}

TEST_F(V1WriteTest, SetOfAnUntrackedOrUnknownProductIsNeverSent) {
  answer(items({{"p-mug", {kZero}}}, false));
  auto out = api_->set({{{"MUG", "p-mug", kZero}, "", "", 5}, {{"X", "p-gone", kZero}, "", "", 1}});
  ASSERT_EQ(sent(), 1u);  // the read only: turning tracking on is the owner's choice
  EXPECT_EQ(out[0].outcome, Outcome::kRejected);
  EXPECT_EQ(out[0].error.code, kQuantityNotTracked);
  EXPECT_EQ(out[1].outcome, Outcome::kRejected);
  EXPECT_EQ(out[1].error.code, kMissingWixId);
}

// Wix would refuse a PATCH naming an unknown variant as a whole, so that variant stays out
// and its product's other variants are still set.
TEST_F(V1WriteTest, SetLeavesOutAVariantTheReadDidNotFind) {
  answer(items({{"p-apron", {"v-s"}}}));
  answer("{}");
  auto out = api_->set(
      {{{"APRON-S", "p-apron", "v-s"}, "", "", 2}, {{"APRON-X", "p-apron", "v-x"}, "", "", 3}});
  ASSERT_EQ(sent(), 2u);
  EXPECT_EQ(body(1), R"({"inventoryItem":{"trackQuantity":true,"variants":[)"
                     R"({"variantId":"v-s","quantity":2}]}})");
  EXPECT_EQ(out[0].outcome, Outcome::kSuccess);
  EXPECT_EQ(out[1].error.code, kMissingWixId);
}

TEST_F(V1WriteTest, SetWhoseReadFailsSendsNothing) {
  for (int i = 0; i < 5; ++i) answer_status(503);
  auto out = api_->set({{{"A", "p1", "v1"}, "", "", 1}});
  EXPECT_EQ(out[0].outcome, Outcome::kNotSent);
  for (std::size_t i = 0; i < sent(); ++i) EXPECT_NE(method(i), "PATCH");
}

TEST_F(V1WriteTest, SetOutcomesFollowTheirProductsCall) {
  answer(items({{"p1", {"v1", "v4"}}, {"p2", {"v2"}}, {"p3", {"v3", "v6"}}}));
  answer_status(
      404,
      R"({"message":"x","details":{"applicationError":{"code":"VARIANT_NOT_FOUND","description":"gone"}}})");
  answer_status(500);
  answer("{}");
  auto out = api_->set({{{"A", "p1", "v1"}, "", "", 1},
                        {{"B", "p2", "v2"}, "", "", 2},
                        {{"C", "p3", "v3"}, "", "", 3},
                        {{"D", "p1", "v4"}, "", "", 4},
                        {{"E", "p/../x", "v5"}, "", "", 5},
                        {{"F", "p3", "v6"}, "", "", 100'000}});
  ASSERT_EQ(sent(), 4u);
  EXPECT_EQ(out[0].outcome, Outcome::kRejected);
  EXPECT_EQ(out[0].error.code, "VARIANT_NOT_FOUND");
  EXPECT_EQ(out[3].outcome, Outcome::kRejected);
  EXPECT_EQ(out[1].outcome, Outcome::kUncertain);
  EXPECT_EQ(out[2].outcome, Outcome::kSuccess);
  EXPECT_EQ(out[4].error.code, kMissingWixId);  // never put into a URL path
  EXPECT_EQ(out[5].error.code, kQuantityOutOfRange);
}

TEST_F(V1WriteTest, SetStopsAfterAProductThatWasNotSent) {
  answer(items({{"p1", {"v1"}}, {"p2", {"v2"}}, {"p3", {"v3"}}}));
  answer("{}");
  for (int i = 0; i < 4; ++i) answer_status(429, R"({"message":"slow down","details":{}})");
  auto out = api_->set({{{"A", "p1", "v1"}, "", "", 1},
                        {{"B", "p2", "v2"}, "", "", 2},
                        {{"C", "p3", "v3"}, "", "", 3}});
  ASSERT_EQ(sent(), 6u);
  EXPECT_EQ(out[0].outcome, Outcome::kSuccess);
  EXPECT_EQ(out[1].outcome, Outcome::kNotSent);
  EXPECT_EQ(out[1].error.http_status, 429);
  EXPECT_EQ(out[2].outcome, Outcome::kNotSent);
  EXPECT_EQ(out[2].error.http_status, 429);
}

}  // namespace
}  // namespace shelfnode::sync
