#include <gtest/gtest.h>

#include "unit/sync_inventory/fake_wix.h"

namespace shelfnode::sync {
namespace {

constexpr const char* kMain = "loc-main";

std::string item(const std::string& id, const std::string& variant, const std::string& sku,
                 int quantity, const std::string& location = kMain) {
  return R"({"id":")" + id + R"(","revision":"7","variantId":")" + variant + R"(","locationId":")" +
         location + R"(","productId":"p-)" + variant + R"(","trackQuantity":true,"quantity":)" +
         std::to_string(quantity) + R"(,"product":{"name":"n","variantSku":")" + sku + R"("}})";
}

std::string page(const std::string& items, const std::string& next = "") {
  const std::string cursors =
      next.empty() ? R"({"next":null,"prev":null})" : R"({"next":")" + next + R"(","prev":null})";
  return R"({"inventoryItems":[)" + items + R"(],"pagingMetadata":{"count":1,"cursors":)" +
         cursors + "}}";
}

class V3ReadTest : public testing::FakeWixTest {
 protected:
  std::unique_ptr<InventoryApi> api_ = make_v3_inventory(retrying_, kMain);
};

TEST_F(V3ReadTest, OneQueryAtTheDefaultLocationMapsEachRequestedVariant) {
  answer(page(item("i-rope", "v-rope", "ROPE", 20) + "," +
              R"({"id":"i-stick","revision":"2","variantId":"v-stick","locationId":"loc-main",)"
              R"("productId":"p","trackQuantity":false,"inStock":true})"));
  auto got = api_->read({{"ROPE", "p-v-rope", "v-rope"},
                         {"STICKERS", "p", "v-stick"},
                         {"FLAGS", "p-flags", "v-flags"}});
  ASSERT_TRUE(got.ok()) << got.status().message();
  ASSERT_EQ(sent(), 1u);
  EXPECT_EQ(path(0), "/stores/v3/inventory-items/query");
  EXPECT_EQ(body(0), R"({"query":{"filter":{"productId":{"$in":["p-v-rope","p","p-flags"]},)"
                     R"("variantId":{"$in":["v-rope","v-stick","v-flags"]},)"
                     R"("locationId":{"$eq":"loc-main"}},"cursorPaging":{"limit":1000}}})");
  const std::vector<WixStock>& s = *got;
  ASSERT_EQ(s.size(), 3u);
  EXPECT_TRUE(s[0].found);
  EXPECT_TRUE(s[0].tracked);
  EXPECT_EQ(s[0].quantity, 20);
  EXPECT_EQ(s[0].inventory_item_id, "i-rope");
  EXPECT_EQ(s[0].revision, "7");
  EXPECT_EQ(s[0].variant.sku, "ROPE");
  EXPECT_TRUE(s[1].found);
  EXPECT_FALSE(s[1].tracked);
  EXPECT_EQ(s[1].inventory_item_id, "i-stick");
  EXPECT_FALSE(s[2].found);  // no item at the default location [GH:skills-inv3]
  EXPECT_EQ(s[2].variant.sku, "FLAGS");
}

TEST_F(V3ReadTest, FollowUpPagesSendOnlyTheCursor) {
  answer(page(item("i1", "v1", "A", 1), "cur-2"));
  answer(page(item("i2", "v2", "B", 2)));
  auto got = api_->read({{"A", "p-v1", "v1"}, {"B", "p-v2", "v2"}});
  ASSERT_TRUE(got.ok()) << got.status().message();
  ASSERT_EQ(sent(), 2u);
  EXPECT_EQ(body(1), R"({"query":{"cursorPaging":{"limit":1000,"cursor":"cur-2"}}})");
  EXPECT_EQ((*got)[1].quantity, 2);
}

TEST_F(V3ReadTest, AnItemAtAnotherLocationIsNeverTakenForTheDefaultOne) {
  answer(page(item("i-back", "v1", "A", 4, "loc-back")));
  auto got = api_->read({{"A", "p-v1", "v1"}});
  ASSERT_TRUE(got.ok());
  EXPECT_FALSE((*got)[0].found);
}

TEST_F(V3ReadTest, MoreVariantsThanAPageAreQueriedInRunsOf1000) {
  std::vector<WixVariant> wanted;
  for (int i = 0; i < 1001; ++i) {
    wanted.push_back({"S", "p-v" + std::to_string(i), "v" + std::to_string(i)});
  }
  answer(page(""));
  answer(page(item("i1000", "v1000", "S", 5)));
  auto got = api_->read(wanted);
  ASSERT_TRUE(got.ok());
  ASSERT_EQ(sent(), 2u);
  auto variants_in = [&](std::size_t i) {
    JsonPtr root = json(i);
    const cJSON* filter = cJSON_GetObjectItem(cJSON_GetObjectItem(root.get(), "query"), "filter");
    return cJSON_GetArraySize(cJSON_GetObjectItem(cJSON_GetObjectItem(filter, "variantId"), "$in"));
  };
  EXPECT_EQ(variants_in(0), 1000);
  EXPECT_EQ(variants_in(1), 1);
  EXPECT_EQ((*got)[1000].quantity, 5);
}

// A variant ID is unique only with its product ID [SDK:rov3]: an item of another product that
// shares the variant ID is never read as this variant's stock.
TEST_F(V3ReadTest, ItemsAreMatchedByProductAndVariantId) {
  const std::string shared = "11111111-2222-4333-8444-555555555555";
  auto item_of = [&](const std::string& id, const std::string& product, int quantity) {
    return R"({"id":")" + id + R"(","revision":"1","variantId":")" + shared +
           R"(","locationId":"loc-main","productId":")" + product +
           R"(","trackQuantity":true,"quantity":)" + std::to_string(quantity) + "}";
  };
  answer(page(item_of("i-b", "p-b", 8) + "," + item_of("i-a", "p-a", 3)));
  auto got = api_->read({{"A-1", "p-a", shared}, {"B-1", "p-b", shared}});
  ASSERT_TRUE(got.ok()) << got.status().message();
  ASSERT_EQ(got->size(), 2u);
  EXPECT_EQ((*got)[0].inventory_item_id, "i-a");
  EXPECT_EQ((*got)[0].quantity, 3);
  EXPECT_EQ((*got)[1].inventory_item_id, "i-b");
  EXPECT_EQ((*got)[1].quantity, 8);
  // Only product A asked for: B's item (same variant ID) is not A's stock.
  answer(page(item_of("i-b", "p-b", 8)));
  got = api_->read({{"A-1", "p-a", shared}});
  ASSERT_TRUE(got.ok());
  EXPECT_FALSE((*got)[0].found);
}

TEST_F(V3ReadTest, WithoutALocationTheDefaultIsAskedForOnce) {
  auto api = make_v3_inventory(retrying_);
  answer(R"({"storesLocations":[{"id":"loc-x","name":"Main","defaultLocation":true}]})");
  answer(page(item("i1", "v1", "A", 1, "loc-x")));
  answer(page(item("i1", "v1", "A", 1, "loc-x")));
  ASSERT_TRUE(api->read({{"A", "p-v1", "v1"}}).ok());
  auto again = api->read({{"A", "p-v1", "v1"}});
  ASSERT_TRUE(again.ok());
  ASSERT_EQ(sent(), 3u);
  EXPECT_EQ(method(0), "POST");
  EXPECT_EQ(path(0), "/stores/v3/locations/query");
  EXPECT_NE(body(0).find(R"("defaultLocation":{"$eq":true})"), std::string::npos) << body(0);
  EXPECT_NE(body(1).find(R"("locationId":{"$eq":"loc-x"})"), std::string::npos) << body(1);
  EXPECT_NE(body(2).find(R"("locationId":{"$eq":"loc-x"})"), std::string::npos) << body(2);
  EXPECT_TRUE((*again)[0].found);
  EXPECT_EQ(api->calls(), 3);
}

TEST_F(V3ReadTest, AFailedLocationLookupFailsTheRead) {
  auto api = make_v3_inventory(retrying_);
  answer_status(
      403,
      R"({"message":"","details":{"applicationError":{"code":"PERMISSION_DENIED","description":""}}})");
  auto got = api->read({{"A", "p", "v1"}});
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), Code::kPermission);
  EXPECT_EQ(sent(), 1u);
}

TEST_F(V3ReadTest, ARepeatedCursorIsBadDataNotAnEndlessLoop) {
  answer(page(item("i1", "v1", "A", 1), "same"));
  answer(page(item("i1", "v1", "A", 1), "same"));
  auto got = api_->read({{"A", "p", "v1"}});
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), Code::kBadData);
}

TEST_F(V3ReadTest, ReadAllCrawlsTheDefaultLocationPageByPage) {
  answer(page(item("i1", "v1", "A", 1) + "," + item("i2", "v2", "B", 2), "c2"));
  answer(page(item("i3", "v3", "C", 3)));
  std::vector<std::size_t> sizes;
  std::vector<WixStock> all;
  Status s = api_->read_all([&](const std::vector<WixStock>& stock) {
    sizes.push_back(stock.size());
    all.insert(all.end(), stock.begin(), stock.end());
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.message();
  ASSERT_EQ(sent(), 2u);
  EXPECT_EQ(
      body(0),
      R"({"query":{"filter":{"locationId":{"$eq":"loc-main"}},"cursorPaging":{"limit":1000}}})");
  EXPECT_EQ(body(1), R"({"query":{"cursorPaging":{"limit":1000,"cursor":"c2"}}})");
  EXPECT_EQ(sizes, (std::vector<std::size_t>{2, 1}));
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[2].variant.sku, "C");
  EXPECT_EQ(all[2].variant.variant_id, "v3");
  EXPECT_EQ(all[2].inventory_item_id, "i3");
}

TEST_F(V3ReadTest, ReadAllFailsOnAFailedPage) {
  answer(page(item("i1", "v1", "A", 1), "c2"));
  answer_status(500);
  int pages = 0;
  Status s = api_->read_all([&](const std::vector<WixStock>&) {
    ++pages;
    return Status::Ok();
  });
  EXPECT_EQ(s.code(), Code::kTemporary);
  EXPECT_EQ(pages, 1);
  EXPECT_EQ(sent(), 2u);
}

TEST_F(V3ReadTest, NumbersOutOfRangeRefuseTheAnswer) {
  for (const char* quantity : {"1e300", "-1e300", "1e400", "9007199254740993", "0.5"}) {
    std::string text = item("i1", "v1", "A", 0);
    text.replace(text.find(R"("quantity":0)"), 12, std::string(R"("quantity":)") + quantity);
    answer(page(text));
    auto got = api_->read({{"A", "p", "v1"}});
    ASSERT_FALSE(got.ok()) << quantity;
    EXPECT_EQ(got.status().code(), Code::kBadData) << quantity;
  }
  std::string text = item("i1", "v1", "A", 0);
  text.replace(text.find(R"("revision":"7")"), 14, R"("revision":"123456789012345678901")");
  answer(page(text));
  auto got = api_->read({{"A", "p", "v1"}});
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), Code::kBadData);
}

}  // namespace
}  // namespace shelfnode::sync
