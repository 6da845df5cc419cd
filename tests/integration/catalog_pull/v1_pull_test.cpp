// catalog pull on the V1 fixture store: rows, requests, lookups, report, incremental, --full.
#include <cstdio>

#include "pull_fixture.h"
#include "shelfnode/pull/catalog_page.h"

namespace shelfnode::pull_test {
namespace {

using support::kV1Key;
using support::kV1Site;

constexpr const char* kMugId = "ae30c579-77a3-421d-a0df-826d5246a3b6";

class V1PullTest : public ConnectedPullTest<FixturesTag> {
 protected:
  V1PullTest() : ConnectedPullTest(kV1Site, kV1Key) {}
};

TEST_F(V1PullTest, EveryVariantOfTheFixtureIsCached) {
  support::RunResult r = run({"catalog", "pull"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_TRUE(contains(r.out, "catalog pull (full, V1_CATALOG): 7 products\n")) << r.out;
  EXPECT_TRUE(
      contains(r.out, "variants: 10 added, 0 updated, 0 removed, 0 unchanged, 1 without SKU"))
      << r.out;
  // V1 has no barcode field (the fixture's shelf barcode is for the admin view only), the
  // hidden coat hook is included, the untracked mug says so.
  EXPECT_EQ(
      column(kWixRows),
      (Rows{"APRON-L|Linen work apron (L)|-|1", "APRON-M|Linen work apron (M)|-|1",
            "APRON-S|Linen work apron (S)|-|1", "BRACKET-CI|Cast-iron shelf bracket|-|1",
            "GLOVE-STD|Leather work gloves (Black)|-|1", "GLOVE-STD|Leather work gloves (Grey)|-|1",
            "HOOK-OLD|Discontinued coat hook|-|1", "MUG-HT|Hand-thrown mug|-|0",
            "OAK-SHELF-60|Oak wall shelf 60 cm|-|1", "TOTE-NAT|Canvas tool tote (Natural)|-|1"}));
  EXPECT_EQ(column("SELECT product_id || '/' || variant_id FROM catalog_items WHERE sku ="
                   " 'OAK-SHELF-60'"),
            Rows{std::string("0ff4e579-ebac-4ebb-b18b-92c474f92676/") + pull::kZeroVariantId});
  EXPECT_EQ(column("SELECT variant_id FROM catalog_items WHERE sku = 'APRON-M'"),
            Rows{"00000000-0000-0002-0005-ad9cdc10d3b8"});
  EXPECT_FALSE(contains(r.out + r.err, kV1Key)) << "the API key was shown";
}

TEST_F(V1PullTest, OneVersionCallThenOneCrawlPage) {
  ok({"catalog", "pull"});
  std::vector<JsonPtr> calls = requests("/stores");
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(text_of(calls[0].get(), "path"), "/stores/v3/provision/version");
  EXPECT_EQ(text_of(calls[1].get(), "path"), "/stores-reader/v1/products/query");
  const cJSON* body = cJSON_GetObjectItemCaseSensitive(calls[1].get(), "body");
  const cJSON* query = cJSON_GetObjectItemCaseSensitive(body, "query");
  // filter and sort are JSON text [R15]; the crawl sorts by numericId [R13].
  EXPECT_EQ(text_of(query, "filter"), "{}");
  EXPECT_EQ(text_of(query, "sort"), "[{\"numericId\":\"asc\"}]");
  EXPECT_EQ(int_of(cJSON_GetObjectItemCaseSensitive(query, "paging"), "limit"), 100);
  EXPECT_TRUE(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(body, "includeVariants")));
  EXPECT_TRUE(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(body, "includeHiddenProducts")));
  EXPECT_EQ(column("SELECT value FROM meta WHERE key = 'wix.catalog_version'"), Rows{"V1_CATALOG"});
  // The version is kept: the next pull asks only for products.
  clear_requests();
  ok({"catalog", "pull"});
  calls = requests("/stores");
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(text_of(calls[0].get(), "path"), "/stores-reader/v1/products/query");
}

TEST_F(V1PullTest, CatalogFindWorksOnPulledRows) {
  ok({"catalog", "pull"});
  EXPECT_EQ(ok({"catalog", "find", "APRON-M"}), "APRON-M  Linen work apron (M)  (by sku)\n");
  EXPECT_EQ(ok({"catalog", "find", "HOOK-OLD"}), "HOOK-OLD  Discontinued coat hook  (by sku)\n");
  // No barcode is invented for V1: the shelf's fixture barcode is unknown to the device.
  support::RunResult r = run({"catalog", "find", "4006381333931"});
  EXPECT_EQ(r.exit_code, 65) << describe(r);
}

TEST_F(V1PullTest, ReportInJsonAndInStatus) {
  JsonPtr root = pull_json();
  const cJSON* report = cJSON_GetObjectItemCaseSensitive(root.get(), "report");
  const cJSON* counts = cJSON_GetObjectItemCaseSensitive(report, "counts");
  EXPECT_EQ(int_of(counts, "duplicate_skus"), 1);
  EXPECT_EQ(int_of(counts, "without_sku"), 1);
  EXPECT_EQ(int_of(counts, "untracked"), 1);
  EXPECT_EQ(int_of(counts, "no_inventory_item"), 0);
  const cJSON* dup =
      cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(report, "duplicate_skus"), 0);
  EXPECT_EQ(text_of(dup, "sku"), "GLOVE-STD");
  const cJSON* dup_variants = cJSON_GetObjectItemCaseSensitive(dup, "variants");
  ASSERT_EQ(cJSON_GetArraySize(dup_variants), 2);
  EXPECT_EQ(text_of(cJSON_GetArrayItem(dup_variants, 0), "name"), "Leather work gloves (Black)");
  EXPECT_EQ(text_of(cJSON_GetArrayItem(dup_variants, 1), "variant_id"),
            "00000000-0000-0002-0007-41c2e0b5a9f0");
  const cJSON* no_sku =
      cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(report, "without_sku"), 0);
  EXPECT_EQ(text_of(no_sku, "name"), "Canvas tool tote (Olive)");
  EXPECT_EQ(text_of(no_sku, "reason"), "no SKU");
  EXPECT_EQ(text_of(no_sku, "variant_id"), "00000000-0000-0002-0009-7d3e91c40a22");
  const cJSON* untracked =
      cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(report, "untracked"), 0);
  EXPECT_EQ(text_of(untracked, "sku"), "MUG-HT");
  EXPECT_TRUE(contains(text_of(root.get(), "hint"), "give every variant its own SKU"));
  // Variants without SKU are remembered, not catalogued.
  EXPECT_EQ(scalar("SELECT count(*) FROM catalog_items WHERE sku = ''"), 0);

  JsonPtr status = parse_json(ok({"status", "--json"}));
  ASSERT_TRUE(status);
  const cJSON* c = cJSON_GetObjectItemCaseSensitive(status.get(), "catalog");
  EXPECT_EQ(text_of(c, "version"), "V1_CATALOG");
  EXPECT_EQ(text_of(c, "last_mode"), "full");
  EXPECT_EQ(text_of(c, "pulled_at").substr(0, 2), "20");
  EXPECT_EQ(int_of(c, "duplicate_skus"), 1);
  EXPECT_EQ(int_of(c, "without_sku"), 1);
  EXPECT_EQ(int_of(c, "untracked"), 1);
  EXPECT_EQ(int_of(c, "wix_variants"), 10);
  EXPECT_TRUE(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(c, "interrupted")));
  EXPECT_EQ(int_of(status.get(), "catalog_skus"), 9);
  const std::string text = ok({"status"});
  EXPECT_TRUE(contains(text, "catalog:      9 SKUs cached (Wix V1_CATALOG, last pull 20")) << text;
  EXPECT_TRUE(contains(text,
                       "catalog fix:  1 SKU on several variants, 1 variant without a usable "
                       "SKU, 1 variant with untracked quantity: give every variant"))
      << text;
}

TEST_F(V1PullTest, StatusBeforeTheFirstPullSaysToPull) {
  const std::string text = ok({"status"});
  EXPECT_TRUE(contains(text,
                       "catalog:      0 SKUs cached; never pulled from Wix: run `shelfnode "
                       "catalog pull`\n"))
      << text;
  EXPECT_FALSE(contains(text, "catalog fix:")) << text;
}

TEST_F(V1PullTest, IncrementalPullFetchesOnlyWhatChanged) {
  ok({"catalog", "pull"});
  clear_requests();
  ASSERT_EQ(admin("POST", "/_emulator/product",
                  std::string("{\"siteId\": \"") + kV1Site + "\", \"productId\": \"" + kMugId +
                      "\", \"name\": \"Hand-thrown mug, blue\"}")
                .status,
            200);
  JsonPtr root = pull_json();
  EXPECT_EQ(text_of(root.get(), "mode"), "incremental");
  EXPECT_EQ(int_of(root.get(), "requests"), 1);
  std::vector<JsonPtr> calls = requests("/stores");
  ASSERT_EQ(calls.size(), 1u);
  const std::string filter =
      text_of(cJSON_GetObjectItemCaseSensitive(
                  cJSON_GetObjectItemCaseSensitive(calls[0].get(), "body"), "query"),
              "filter");
  // The mark is the latest update the first pull saw (the apron's), taken with $gte.
  EXPECT_EQ(filter, "{\"lastUpdated\":{\"$gte\":\"2026-01-06T10:00:00.000Z\"}}");
  // The apron (at the mark) and the edited mug: nothing else.
  const cJSON* fetched = cJSON_GetObjectItemCaseSensitive(root.get(), "fetched");
  EXPECT_EQ(int_of(fetched, "products"), 2);
  const cJSON* variants = cJSON_GetObjectItemCaseSensitive(root.get(), "variants");
  EXPECT_EQ(int_of(variants, "updated"), 1);
  EXPECT_EQ(int_of(variants, "unchanged"), 3);
  EXPECT_EQ(int_of(variants, "added"), 0);
  EXPECT_EQ(column("SELECT name FROM catalog_items WHERE sku = 'MUG-HT'"),
            Rows{"Hand-thrown mug, blue"});
  EXPECT_EQ(scalar("SELECT count(*) FROM catalog_items WHERE origin = 'wix'"), 10);
}

TEST_F(V1PullTest, FullPullRemovesAProductDeletedInWix) {
  ok({"catalog", "pull"});
  // The same store without the bracket.
  JsonPtr v1 = parse_json(shipped_fixture("v1_store.json"));
  ASSERT_TRUE(v1);
  cJSON* products = cJSON_GetObjectItemCaseSensitive(
      cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(v1.get(), "sites"), 0), "products");
  const int before = cJSON_GetArraySize(products);
  for (int i = 0; i < cJSON_GetArraySize(products); ++i) {
    if (text_of(cJSON_GetArrayItem(products, i), "sku") == "BRACKET-CI") {
      cJSON_DeleteItemFromArray(products, i);
    }
  }
  ASSERT_EQ(cJSON_GetArraySize(products), before - 1);
  load_fixtures({to_json_text(v1.get())});
  // An incremental pull cannot see a deletion...
  JsonPtr incremental = pull_json();
  EXPECT_EQ(text_of(incremental.get(), "mode"), "incremental");
  EXPECT_EQ(scalar("SELECT count(*) FROM catalog_items WHERE sku = 'BRACKET-CI'"), 1);
  // ...a full one removes what Wix no longer has.
  JsonPtr full = pull_json({"--full"});
  EXPECT_EQ(text_of(full.get(), "mode"), "full");
  EXPECT_EQ(int_of(cJSON_GetObjectItemCaseSensitive(full.get(), "variants"), "removed"), 1);
  EXPECT_EQ(scalar("SELECT count(*) FROM catalog_items WHERE sku = 'BRACKET-CI'"), 0);
  EXPECT_EQ(scalar("SELECT count(*) FROM catalog_items WHERE origin = 'wix'"), 9);
  EXPECT_EQ(scalar("SELECT count(*) FROM catalog_wix_unmapped"), 1);
}

TEST_F(V1PullTest, ImportedRowsSurviveAFullPull) {
  support::write_file(dir() + "/own.csv", "sku,name,barcode\nOWN-1,Own label,4006381333931\n");
  ok({"catalog", "import", dir() + "/own.csv"});
  ok({"catalog", "pull", "--full"});
  EXPECT_EQ(ok({"catalog", "find", "4006381333931"}), "OWN-1  Own label  (by gtin)\n");
  EXPECT_EQ(scalar("SELECT count(*) FROM catalog_items WHERE origin = 'import'"), 1);
}

TEST_F(V1PullTest, ProgressIsOnePlainLinePerPageWhenNotATerminal) {
  support::RunResult r = run({"catalog", "pull", "--progress"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_TRUE(contains(r.err, "catalog pull: page 1, 7 products of 7, 2 requests, ")) << r.err;
  EXPECT_FALSE(contains(r.err, "\r")) << "no bar redraws on a pipe";
  r = run({"catalog", "pull"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_FALSE(contains(r.err, "catalog pull: page")) << r.err;
}

TEST_F(V1PullTest, NotConnectedIsAConfigurationError) {
  std::remove((dir() + "/config.json").c_str());
  support::RunResult r = run({"catalog", "pull"});
  EXPECT_EQ(r.exit_code, 78) << describe(r);
  EXPECT_TRUE(contains(r.err, "not connected to Wix: run `shelfnode --data-dir")) << r.err;
  EXPECT_TRUE(requests("/stores").empty());
}

TEST_F(V1PullTest, MissingPermissionIsNamed) {
  connect(kV1Site, support::kV1ReadOnlyKey);
  support::RunResult r = run({"catalog", "pull"});
  EXPECT_EQ(r.exit_code, 77) << describe(r);
  EXPECT_TRUE(contains(r.err, "\"Manage Products\" (SCOPE.DC-STORES.MANAGE-PRODUCTS)")) << r.err;
  EXPECT_FALSE(contains(r.out + r.err, support::kV1ReadOnlyKey)) << "the API key was shown";
  EXPECT_EQ(scalar("SELECT count(*) FROM catalog_items"), 0);
}

}  // namespace
}  // namespace shelfnode::pull_test
