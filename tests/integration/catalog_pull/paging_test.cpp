// Pulls past one page: the numericId crawl (V1), cursor paging (V3), exact request counts.
#include "pull_fixture.h"

namespace shelfnode::pull_test {
namespace {

class PagingTest : public PullTest<GeneratedTag> {};

std::string v1_filter(const cJSON* request) {
  return text_of(
      cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(request, "body"), "query"),
      "filter");
}

// Generated V1 product i has numericId 1748736000000000 + 10 i (tools/wix-emulator).
TEST_F(PagingTest, V1CrawlsByNumericIdWithOneRequestPerPage) {
  connect(kGenV1Site, kGenKey);
  JsonPtr root = pull_json();
  EXPECT_EQ(int_of(cJSON_GetObjectItemCaseSensitive(root.get(), "fetched"), "products"), 300);
  EXPECT_EQ(int_of(root.get(), "pages"), 3);
  // ceil(300 / 100) pages + the version call; no empty 4th page: totalResults said 100 left.
  EXPECT_EQ(int_of(root.get(), "requests"), 4);
  std::vector<JsonPtr> calls = requests("/stores-reader/v1/products/query");
  ASSERT_EQ(calls.size(), 3u);
  EXPECT_EQ(v1_filter(calls[0].get()), "{}");
  EXPECT_EQ(v1_filter(calls[1].get()), "{\"numericId\":{\"$gt\":1748736000000990}}");
  EXPECT_EQ(v1_filter(calls[2].get()), "{\"numericId\":{\"$gt\":1748736000001990}}");
  EXPECT_EQ(requests("/").size(), 4u);
  EXPECT_EQ(scalar("SELECT count(*) FROM catalog_items WHERE origin = 'wix'"), 300);
  EXPECT_EQ(column("SELECT min(sku) || ' ' || max(sku) FROM catalog_items"),
            Rows{"GEN1-000000 GEN1-000299"});
}

TEST_F(PagingTest, V1IncrementalCrawlCombinesTheMarkWithTheCrawl) {
  connect(kGenV1Site, kGenKey);
  ok({"catalog", "pull"});
  const std::string product =
      column("SELECT product_id FROM catalog_items WHERE sku = 'GEN1-000120'").at(0);
  clear_requests();
  ASSERT_EQ(admin("POST", "/_emulator/product",
                  std::string("{\"siteId\": \"") + kGenV1Site + "\", \"productId\": \"" + product +
                      "\", \"name\": \"Renamed product\"}")
                .status,
            200);
  JsonPtr root = pull_json();
  EXPECT_EQ(text_of(root.get(), "mode"), "incremental");
  EXPECT_EQ(int_of(root.get(), "requests"), 1);
  // The newest product (at the mark) and the renamed one.
  EXPECT_EQ(int_of(cJSON_GetObjectItemCaseSensitive(root.get(), "fetched"), "products"), 2);
  EXPECT_EQ(column("SELECT name FROM catalog_items WHERE sku = 'GEN1-000120'"),
            Rows{"Renamed product"});
}

TEST_F(PagingTest, V3FollowsCursorsSendingOnlyTheCursor) {
  connect(kGenV3Site, kGenKey);
  JsonPtr root = pull_json();
  const cJSON* fetched = cJSON_GetObjectItemCaseSensitive(root.get(), "fetched");
  EXPECT_EQ(int_of(fetched, "variants"), 2500);
  EXPECT_EQ(int_of(fetched, "inventory_items"), 2500);
  // ceil(2500 / 1000) variant pages + as many item pages + version + default location.
  EXPECT_EQ(int_of(root.get(), "requests"), 8);
  EXPECT_EQ(requests("/").size(), 8u);
  std::vector<JsonPtr> calls = requests("/stores/v3/products/query-variants");
  ASSERT_EQ(calls.size(), 3u);
  for (std::size_t i = 1; i < calls.size(); ++i) {
    const cJSON* query = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(calls[i].get(), "body"), "query");
    EXPECT_EQ(cJSON_GetArraySize(query), 1) << "only cursorPaging after the first page";
    const cJSON* paging = cJSON_GetObjectItemCaseSensitive(query, "cursorPaging");
    EXPECT_FALSE(text_of(paging, "cursor").empty());
    EXPECT_EQ(int_of(paging, "limit"), 1000);
  }
  EXPECT_EQ(requests("/stores/v3/inventory-items/query").size(), 3u);
  EXPECT_EQ(scalar("SELECT count(*) FROM catalog_items WHERE origin = 'wix'"), 2500);
  EXPECT_EQ(scalar("SELECT count(*) FROM catalog_items WHERE track_quantity = 1"), 2500);
  EXPECT_EQ(scalar("SELECT count(*) FROM catalog_items WHERE barcode_gtin14 IS NOT NULL"), 2500);
  // Generated barcodes are in-store EAN-13s: GEN3-000042's is 20 + 0000000042 + check digit.
  const std::string barcode =
      column("SELECT barcode FROM catalog_items WHERE sku = 'GEN3-000042'").at(0);
  EXPECT_EQ(barcode.substr(0, 12), "200000000042");
  EXPECT_TRUE(contains(ok({"catalog", "find", barcode}), "GEN3-000042 "));
}

}  // namespace
}  // namespace shelfnode::pull_test
