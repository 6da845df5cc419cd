#include <gtest/gtest.h>

#include "unit/sync_inventory/fake_wix.h"

namespace shelfnode::sync {
namespace {

constexpr const char* kZero = "00000000-0000-0000-0000-000000000000";

// An inventory item as V1 renders it: one per product, variants inside [R20][R22].
std::string item(const std::string& product, const std::string& numeric_id, bool tracked,
                 const std::string& variants) {
  return R"({"id":"inv-)" + product + R"(","productId":")" + product + R"(","trackQuantity":)" +
         (tracked ? "true" : "false") + R"(,"variants":[)" + variants + R"(],"numericId":")" +
         numeric_id + R"("})";
}

std::string variant(const std::string& id, int quantity) {
  return R"({"variantId":")" + id + R"(","inStock":true,"quantity":)" + std::to_string(quantity) +
         "}";
}

std::string page(const std::string& items, std::size_t total) {
  return R"({"inventoryItems":[)" + items +
         R"(],"metadata":{"items":1,"offset":0},"totalResults":)" + std::to_string(total) + "}";
}

class V1ReadTest : public testing::FakeWixTest {
 protected:
  std::unique_ptr<InventoryApi> api_ = make_v1_inventory(retrying_);
};

TEST_F(V1ReadTest, OneQueryByProductIdMapsEachRequestedVariant) {
  answer(page(item("p-shelf", "1", true, variant(kZero, 12)) + "," +
                  item("p-apron", "2", true, variant("v-s", 5) + "," + variant("v-m", 0)) + "," +
                  R"({"id":"inv-mug","productId":"p-mug","trackQuantity":false,)"
                  R"("variants":[{"variantId":")" +
                  kZero + R"(","inStock":true}]})",
              3));
  auto got = api_->read({{"OAK", "p-shelf", kZero},
                         {"APRON-M", "p-apron", "v-m"},
                         {"APRON-S", "p-apron", "v-s"},
                         {"MUG", "p-mug", kZero},
                         {"APRON-X", "p-apron", "v-gone"},
                         {"GONE", "p-gone", kZero}});
  ASSERT_TRUE(got.ok()) << got.status().message();
  ASSERT_EQ(sent(), 1u);
  EXPECT_EQ(method(0), "POST");
  EXPECT_EQ(path(0), "/stores-reader/v2/inventoryItems/query");
  // The filter is JSON text inside the JSON body [R14][R15]; one entry per product.
  EXPECT_EQ(body(0),
            R"({"query":{"filter":"{\"productId\":{\"$in\":[\"p-shelf\",\"p-apron\",\"p-mug\",)"
            R"(\"p-gone\"]}}","paging":{"limit":100,"offset":0}}})");
  const std::vector<WixStock>& s = *got;
  ASSERT_EQ(s.size(), 6u);
  EXPECT_EQ(s[0].variant.sku, "OAK");
  EXPECT_TRUE(s[0].found);
  EXPECT_TRUE(s[0].tracked);
  EXPECT_EQ(s[0].quantity, 12);
  EXPECT_EQ(s[1].variant.sku, "APRON-M");
  EXPECT_TRUE(s[1].found);
  EXPECT_EQ(s[1].quantity, 0);
  EXPECT_EQ(s[2].quantity, 5);
  EXPECT_TRUE(s[3].found);
  EXPECT_FALSE(s[3].tracked);
  EXPECT_EQ(s[3].quantity, 0);
  EXPECT_FALSE(s[4].found);
  EXPECT_EQ(s[4].variant.variant_id, "v-gone");
  EXPECT_FALSE(s[5].found);
  EXPECT_TRUE(s[0].inventory_item_id.empty());  // V3 only
  EXPECT_EQ(api_->calls(), 1);
}

TEST_F(V1ReadTest, MoreThanAPageOfProductsIsQueriedInRunsOf100) {
  std::vector<WixVariant> wanted;
  for (int i = 0; i < 150; ++i) wanted.push_back({"S", "p" + std::to_string(i), kZero});
  answer(page(item("p0", "1", true, variant(kZero, 1)), 1));
  answer(page(item("p149", "150", true, variant(kZero, 9)), 1));
  auto got = api_->read(wanted);
  ASSERT_TRUE(got.ok()) << got.status().message();
  ASSERT_EQ(sent(), 2u);
  // The filter is JSON text: parse it to count the products of each query.
  auto products_in = [&](std::size_t i) {
    JsonPtr root = json(i);
    JsonPtr filter = parse_json(
        cJSON_GetObjectItem(cJSON_GetObjectItem(root.get(), "query"), "filter")->valuestring);
    return cJSON_GetArraySize(
        cJSON_GetObjectItem(cJSON_GetObjectItem(filter.get(), "productId"), "$in"));
  };
  EXPECT_EQ(products_in(0), 100);
  EXPECT_EQ(products_in(1), 50);
  EXPECT_EQ((*got)[0].quantity, 1);
  EXPECT_EQ((*got)[149].quantity, 9);
  EXPECT_FALSE((*got)[1].found);
}

TEST_F(V1ReadTest, AShortPageIsFollowedByOffsetUntilTheTotal) {
  answer(page(item("p1", "1", true, variant(kZero, 1)), 2));
  answer(page(item("p2", "2", true, variant(kZero, 2)), 2));
  auto got = api_->read({{"A", "p1", kZero}, {"B", "p2", kZero}});
  ASSERT_TRUE(got.ok()) << got.status().message();
  ASSERT_EQ(sent(), 2u);
  EXPECT_NE(body(1).find(R"("paging":{"limit":100,"offset":1})"), std::string::npos) << body(1);
  EXPECT_EQ((*got)[1].quantity, 2);
}

TEST_F(V1ReadTest, AFailedQueryFailsTheWholeRead) {
  answer_status(
      403,
      R"({"message":"denied","details":{"applicationError":{"code":"PERMISSION_DENIED","description":""}}})");
  auto got = api_->read({{"A", "p1", kZero}});
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), Code::kPermission);
}

TEST_F(V1ReadTest, AnAnswerWithoutItemsIsBadDataNotAnEmptyStore) {
  answer("{}");
  auto got = api_->read({{"A", "p1", kZero}});
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), Code::kBadData);
}

TEST_F(V1ReadTest, NothingToReadMakesNoCall) {
  auto got = api_->read({});
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(sent(), 0u);
}

TEST_F(V1ReadTest, ReadAllCrawlsByNumericIdUntilAShortPage) {
  std::string full;
  for (int i = 1; i <= 100; ++i) {
    if (i > 1) full += ",";
    full += item("p" + std::to_string(i), std::to_string(1000 + i), true, variant(kZero, i));
  }
  answer(page(full, 101));
  answer(page(item("p101", "1101", true, variant("v-a", 3) + "," + variant("v-b", 4)), 101));
  std::vector<std::size_t> sizes;
  std::vector<WixStock> all;
  Status s = api_->read_all([&](const std::vector<WixStock>& stock) {
    sizes.push_back(stock.size());
    all.insert(all.end(), stock.begin(), stock.end());
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.message();
  ASSERT_EQ(sent(), 2u);
  EXPECT_EQ(body(0), R"({"query":{"sort":"[{\"numericId\":\"asc\"}]","paging":{"limit":100}}})");
  // No offset past 10k items [R13]: the next page is the items after the last numericId.
  EXPECT_EQ(body(1), R"({"query":{"filter":"{\"numericId\":{\"$gt\":\"1100\"}}",)"
                     R"("sort":"[{\"numericId\":\"asc\"}]","paging":{"limit":100}}})");
  EXPECT_EQ(sizes, (std::vector<std::size_t>{100, 2}));
  ASSERT_EQ(all.size(), 102u);
  EXPECT_EQ(all[101].variant.product_id, "p101");
  EXPECT_EQ(all[101].variant.variant_id, "v-b");
  EXPECT_EQ(all[101].quantity, 4);
}

TEST_F(V1ReadTest, ReadAllStopsWhenThePageCallbackFails) {
  answer(page(item("p1", "1", true, variant(kZero, 1)), 1));
  Status s = api_->read_all([](const std::vector<WixStock>&) { return io_error("disk full"); });
  EXPECT_EQ(s.code(), Code::kIo);
}

TEST_F(V1ReadTest, NumericIdsSentAsNumbersAreAcceptedToo) {
  // The object pages type numericId as a number, the examples as a string [R20][R21].
  std::string full;
  for (int i = 1; i <= 100; ++i) {
    if (i > 1) full += ",";
    full += R"({"productId":"p)" + std::to_string(i) +
            R"(","trackQuantity":true,"variants":[],"numericId":)" + std::to_string(5000 + i) + "}";
  }
  answer(page(full, 100));
  answer(page("", 100));
  ASSERT_TRUE(api_->read_all([](const std::vector<WixStock>&) { return Status::Ok(); }).ok());
  ASSERT_EQ(sent(), 2u);
  EXPECT_NE(body(1).find(R"(\"$gt\":\"5100\")"), std::string::npos) << body(1);
}

// A quantity, total or numericId that is not a whole, exact number in range is not what Wix
// sends: the answer is refused rather than read as absent (a tracked quantity of 0).
TEST_F(V1ReadTest, NumbersOutOfRangeRefuseTheAnswer) {
  const std::string bad_quantity = R"({"variantId":")" + std::string(kZero) + R"(","quantity":)";
  for (const std::string& answer_text :
       {page(item("p1", "1", true, bad_quantity + "1e300}"), 1),
        page(item("p1", "1", true, bad_quantity + "9007199254740992}"), 1),
        page(item("p1", "1", true, bad_quantity + "1.5}"), 1),
        page(item("p1", "1", true, bad_quantity + "\"99999999999999999999\"}"), 1),
        std::string(R"({"inventoryItems":[],"totalResults":1e400})"),
        std::string(R"({"inventoryItems":[],"totalResults":-1})")}) {
    answer(answer_text);
    auto got = api_->read({{"A", "p1", kZero}});
    ASSERT_FALSE(got.ok()) << answer_text;
    EXPECT_EQ(got.status().code(), Code::kBadData) << answer_text;
  }
  answer(page(item("p1", "12345678901234567890", true, variant(kZero, 1)), 1));
  Status s = api_->read_all([](const std::vector<WixStock>&) { return Status::Ok(); });
  EXPECT_EQ(s.code(), Code::kBadData) << s.message();
}

}  // namespace
}  // namespace shelfnode::sync
