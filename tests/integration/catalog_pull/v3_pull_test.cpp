// catalog pull on the V3 fixture store: variants, tracking from the default location's
// inventory items, barcodes and GTIN lookups, the report, incremental pulls.
#include "pull_fixture.h"

namespace shelfnode::pull_test {
namespace {

using support::kV3Key;
using support::kV3Site;

constexpr const char* kDefaultLocation = "d60551ad-bea6-4ed2-b693-1212dca8519f";
constexpr const char* kRopeId = "1e71a1c6-4831-45f4-841b-8704121630f6";

class V3PullTest : public ConnectedPullTest<FixturesTag> {
 protected:
  V3PullTest() : ConnectedPullTest(kV3Site, kV3Key) {}
};

TEST_F(V3PullTest, VariantsWithBarcodesAndTrackingFromTheDefaultLocation) {
  support::RunResult r = run({"catalog", "pull"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_TRUE(contains(r.out, "catalog pull (full, V3_CATALOG): 12 variants, 11 inventory items\n"))
      << r.out;
  // Stickers are tracked by in-stock flag only; the flag set has no inventory item at all
  // (tracking unknown); the rope's back-room item does not count.
  EXPECT_EQ(
      column(kWixRows),
      (Rows{"BAG-NAVY|Canvas deck bag (Navy)|-|1", "CLEAT-TEAK|Teak cleat (preorder)|-|1",
            "COMPASS-OLD|Old compass (hidden)|-|1",
            "FLAGS-SET|Signal flag set (no inventory record yet)|-|-",
            "JACKET-L|Rain jacket (L)|4006381333986|1", "JACKET-M|Rain jacket (M)|4006381333979|1",
            "JACKET-S|Rain jacket (S)|4006381333962|1", "LANTERN|Brass lantern (Large)|-|1",
            "LANTERN|Brass lantern (Small)|-|1", "ROPE-10M|Mooring rope 10 m|4006381333955|1",
            "STICKERS|Sticker pack|-|0"}));
  EXPECT_EQ(column("SELECT barcode_gtin14 FROM catalog_items WHERE sku = 'ROPE-10M'"),
            Rows{"04006381333955"});
}

TEST_F(V3PullTest, RequestsVariantsThenTheDefaultLocationsItems) {
  ok({"catalog", "pull"});
  std::vector<JsonPtr> calls = requests("/stores");
  ASSERT_EQ(calls.size(), 4u);
  EXPECT_EQ(text_of(calls[0].get(), "path"), "/stores/v3/provision/version");
  EXPECT_EQ(text_of(calls[1].get(), "path"), "/stores/v3/products/query-variants");
  EXPECT_EQ(text_of(calls[2].get(), "path"), "/stores/v3/locations/query");
  EXPECT_EQ(text_of(calls[3].get(), "path"), "/stores/v3/inventory-items/query");
  const cJSON* vq = cJSON_GetObjectItemCaseSensitive(
      cJSON_GetObjectItemCaseSensitive(calls[1].get(), "body"), "query");
  EXPECT_EQ(int_of(cJSON_GetObjectItemCaseSensitive(vq, "cursorPaging"), "limit"), 1000);
  const cJSON* iq = cJSON_GetObjectItemCaseSensitive(
      cJSON_GetObjectItemCaseSensitive(calls[3].get(), "body"), "query");
  EXPECT_EQ(to_json_text(cJSON_GetObjectItemCaseSensitive(iq, "filter")),
            std::string("{\"locationId\":{\"$eq\":\"") + kDefaultLocation + "\"}}");
  EXPECT_EQ(column("SELECT value FROM meta WHERE key = 'wix.default_location_id'"),
            Rows{kDefaultLocation});
  // Version and location are kept: the next pull is the two queries.
  clear_requests();
  ok({"catalog", "pull"});
  EXPECT_EQ(requests("/stores").size(), 2u);
}

TEST_F(V3PullTest, CatalogFindBySkuBarcodeAndGtin) {
  ok({"catalog", "pull"});
  EXPECT_EQ(ok({"catalog", "find", "4006381333962"}), "JACKET-S  Rain jacket (S)  (by gtin)\n");
  EXPECT_EQ(ok({"catalog", "find", "04006381333979"}), "JACKET-M  Rain jacket (M)  (by gtin)\n");
  EXPECT_EQ(ok({"catalog", "find", "(01)04006381333986"}),
            "JACKET-L  Rain jacket (L)  (by gtin)\n");
  EXPECT_EQ(ok({"catalog", "find", "ROPE-10M"}), "ROPE-10M  Mooring rope 10 m  (by sku)\n");
  EXPECT_EQ(ok({"catalog", "find", "COMPASS-OLD"}),
            "COMPASS-OLD  Old compass (hidden)  (by sku)\n");
}

TEST_F(V3PullTest, ReportNamesEveryKindAndStatusCountsThem) {
  JsonPtr root = pull_json();
  const cJSON* report = cJSON_GetObjectItemCaseSensitive(root.get(), "report");
  const cJSON* counts = cJSON_GetObjectItemCaseSensitive(report, "counts");
  EXPECT_EQ(int_of(counts, "duplicate_skus"), 1);
  EXPECT_EQ(int_of(counts, "without_sku"), 1);
  EXPECT_EQ(int_of(counts, "untracked"), 1);
  EXPECT_EQ(int_of(counts, "no_inventory_item"), 1);
  auto first = [&](const char* list) {
    return cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(report, list), 0);
  };
  EXPECT_EQ(text_of(first("duplicate_skus"), "sku"), "LANTERN");
  EXPECT_EQ(text_of(first("without_sku"), "name"), "Canvas deck bag (Sand)");
  EXPECT_EQ(text_of(first("untracked"), "sku"), "STICKERS");
  EXPECT_EQ(text_of(first("no_inventory_item"), "sku"), "FLAGS-SET");
  const cJSON* fetched = cJSON_GetObjectItemCaseSensitive(root.get(), "fetched");
  EXPECT_EQ(int_of(fetched, "variants"), 12);
  EXPECT_EQ(int_of(fetched, "inventory_items"), 11);

  JsonPtr status = parse_json(ok({"status", "--json"}));
  ASSERT_TRUE(status);
  const cJSON* c = cJSON_GetObjectItemCaseSensitive(status.get(), "catalog");
  EXPECT_EQ(text_of(c, "version"), "V3_CATALOG");
  EXPECT_EQ(int_of(c, "duplicate_skus"), 1);
  EXPECT_EQ(int_of(c, "without_sku"), 1);
  EXPECT_EQ(int_of(c, "untracked"), 1);
  EXPECT_EQ(int_of(c, "no_inventory_item"), 1);
  EXPECT_TRUE(contains(text_of(c, "hint"), "add stock at the default location"))
      << text_of(c, "hint");
  const std::string text = ok({"catalog", "pull"});
  EXPECT_TRUE(contains(text,
                       "  variants without an inventory item at the default location (1):\n"
                       "    FLAGS-SET            Signal flag set (no inventory record yet)\n"))
      << text;
}

TEST_F(V3PullTest, IncrementalPullAfterAProductEdit) {
  ok({"catalog", "pull"});
  clear_requests();
  ASSERT_EQ(admin("POST", "/_emulator/product",
                  std::string("{\"siteId\": \"") + kV3Site + "\", \"productId\": \"" + kRopeId +
                      "\", \"name\": \"Mooring rope 10 m, blue\"}")
                .status,
            200);
  JsonPtr root = pull_json();
  EXPECT_EQ(text_of(root.get(), "mode"), "incremental");
  std::vector<JsonPtr> calls = requests("/stores");
  ASSERT_EQ(calls.size(), 2u);
  // query-variants filters on ids only; a date filter is search-variants' [SDK:rov3] (the
  // emulator answers query-variants 400 "not declared as filterable" for it).
  EXPECT_EQ(text_of(calls[0].get(), "path"), "/stores/v3/products/search-variants");
  EXPECT_EQ(int_of(calls[0].get(), "status"), 200);
  const cJSON* vq = cJSON_GetObjectItemCaseSensitive(
      cJSON_GetObjectItemCaseSensitive(calls[0].get(), "body"), "search");
  EXPECT_EQ(to_json_text(cJSON_GetObjectItemCaseSensitive(vq, "filter")),
            "{\"productData.updatedDate\":{\"$gte\":\"2026-01-06T10:00:00.000Z\"}}");
  EXPECT_EQ(to_json_text(cJSON_GetObjectItemCaseSensitive(vq, "sort")),
            "[{\"fieldName\":\"productData.updatedDate\",\"order\":\"ASC\"},"
            "{\"fieldName\":\"productData.productId\",\"order\":\"ASC\"},"
            "{\"fieldName\":\"variantId\",\"order\":\"ASC\"}]");
  // The jacket's three variants (at the mark) and the edited rope.
  EXPECT_EQ(int_of(cJSON_GetObjectItemCaseSensitive(root.get(), "fetched"), "variants"), 4);
  const cJSON* variants = cJSON_GetObjectItemCaseSensitive(root.get(), "variants");
  EXPECT_EQ(int_of(variants, "updated"), 1);
  EXPECT_EQ(int_of(variants, "unchanged"), 3);
  EXPECT_EQ(column("SELECT name FROM catalog_items WHERE sku = 'ROPE-10M'"),
            Rows{"Mooring rope 10 m, blue"});
  // Tracking was kept: the rope's item did not change, so it was not fetched again.
  EXPECT_EQ(column("SELECT track_quantity FROM catalog_items WHERE sku = 'ROPE-10M'"), Rows{"1"});
}

// A full pull reads everything with query-variants and sends no filter it may not use.
TEST_F(V3PullTest, AFullPullUsesQueryVariantsWithoutADateFilter) {
  ok({"catalog", "pull"});
  clear_requests();
  ok({"catalog", "pull", "--full"});
  std::vector<JsonPtr> calls = requests("/stores/v3/products/");
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(text_of(calls[0].get(), "path"), "/stores/v3/products/query-variants");
  const cJSON* vq = cJSON_GetObjectItemCaseSensitive(
      cJSON_GetObjectItemCaseSensitive(calls[0].get(), "body"), "query");
  EXPECT_EQ(to_json_text(cJSON_GetObjectItemCaseSensitive(vq, "filter")), "{}");
}

// Two products whose variants share a variantId: Wix promises uniqueness only with
// productData.productId [SDK:rov3]. Each becomes its own row with its own tracking, and an
// edit of one reaches that one only.
TEST_F(V3PullTest, AVariantIdSharedByTwoProductsIsTwoVariants) {
  JsonPtr v3 = parse_json(shipped_fixture("v3_store.json"));
  ASSERT_TRUE(v3);
  cJSON* products = cJSON_GetObjectItemCaseSensitive(
      cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(v3.get(), "sites"), 0), "products");
  for (const char* p : {
           R"({"id": "0a0a0a0a-0000-4000-8000-00000000000a", "name": "Tide table A",
               "variantId": "11111111-2222-4333-8444-555555555555", "sku": "TIDE-A",
               "updatedDate": "2026-01-05T08:00:00.000Z", "inventory": {"quantity": 3}})",
           R"({"id": "0b0b0b0b-0000-4000-8000-00000000000b", "name": "Tide table B",
               "variantId": "11111111-2222-4333-8444-555555555555", "sku": "TIDE-B",
               "updatedDate": "2026-01-05T08:00:00.000Z", "inventory": {"inStock": true}})"}) {
    cJSON_AddItemToArray(products, cJSON_Parse(p));
  }
  load_fixtures({to_json_text(v3.get())});
  ok({"catalog", "pull"});
  EXPECT_EQ(column("SELECT sku || '|' || product_id || '|' || COALESCE(track_quantity, '-')"
                   " FROM catalog_items WHERE variant_id = '11111111-2222-4333-8444-555555555555'"
                   " ORDER BY sku"),
            (Rows{"TIDE-A|0a0a0a0a-0000-4000-8000-00000000000a|1",
                  "TIDE-B|0b0b0b0b-0000-4000-8000-00000000000b|0"}));
  ASSERT_EQ(admin("POST", "/_emulator/product",
                  std::string("{\"siteId\": \"") + kV3Site +
                      "\", \"productId\": \"0b0b0b0b-0000-4000-8000-00000000000b\", "
                      "\"name\": \"Tide table B, 2027\"}")
                .status,
            200);
  JsonPtr root = pull_json();
  EXPECT_EQ(text_of(root.get(), "mode"), "incremental");
  EXPECT_EQ(column("SELECT name FROM catalog_items WHERE sku LIKE 'TIDE-%' ORDER BY sku"),
            (Rows{"Tide table A", "Tide table B, 2027"}));
}

TEST_F(V3PullTest, TrackingSwitchedOffInWixReachesTheCache) {
  ok({"catalog", "pull"});
  // The merchant switches the jacket S item to in-stock tracking.
  ASSERT_EQ(admin("POST", "/_emulator/inventory",
                  std::string("{\"siteId\": \"") + kV3Site +
                      "\", \"sku\": \"JACKET-S\", \"inStock\": true}")
                .status,
            200);
  JsonPtr root = pull_json();
  EXPECT_EQ(text_of(root.get(), "mode"), "incremental");
  EXPECT_EQ(column("SELECT track_quantity FROM catalog_items WHERE sku = 'JACKET-S'"), Rows{"0"});
  EXPECT_EQ(int_of(cJSON_GetObjectItemCaseSensitive(root.get(), "variants"), "updated"), 1);
  const cJSON* counts = cJSON_GetObjectItemCaseSensitive(
      cJSON_GetObjectItemCaseSensitive(root.get(), "report"), "counts");
  EXPECT_EQ(int_of(counts, "untracked"), 2);
}

TEST_F(V3PullTest, AKeyWithoutReadAdminSeesNoHiddenProducts) {
  connect(kV3Site, support::kV3ReadOnlyKey);
  ok({"catalog", "pull"});
  EXPECT_EQ(scalar("SELECT count(*) FROM catalog_items WHERE sku = 'COMPASS-OLD'"), 0);
  EXPECT_EQ(scalar("SELECT count(*) FROM catalog_items WHERE origin = 'wix'"), 10);
}

}  // namespace
}  // namespace shelfnode::pull_test
