// The report: duplicate SKUs, variants without SKU, untracked variants, V3 without item.
#include "pull/cache_writer.h"
#include "pull/pull_state.h"
#include "pull_db_fixture.h"
#include "shelfnode/pull/catalog_report.h"

namespace shelfnode::pull {
namespace {

class ReportTest : public PullDbTest {
 protected:
  void SetUp() override {
    PullDbTest::SetUp();
    CacheWriter w(*db_, "2026-02-01T00:00:00.000Z");
    w.begin(1);
    auto tx = store::Transaction::begin(*db_);
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(w.write_variants({row("pg", "black", "GLOVE-STD", "Gloves (Black)"),
                                  row("pg", "grey", "GLOVE-STD", "Gloves (Grey)"),
                                  row("pl", "s", "LANTERN", "Lantern (S)"),
                                  row("pl", "l", "LANTERN", "Lantern (L)"),
                                  row("pt", "olive", "", "Tote (Olive)"),
                                  row("pm", "0", "MUG-HT", "Mug", false),
                                  row("pf", "0", "FLAGS", "Flags", std::nullopt),
                                  row("ps", "0", "SHELF", "Shelf", true)})
                    .ok());
    ASSERT_TRUE((*tx)->commit().ok());
    // The import may hold a SKU Wix has too: that is no duplicate.
    exec(
        "INSERT INTO catalog_items (origin, sku, name, updated_at) VALUES ('import', 'SHELF',"
        " 'Shelf', 'x')");
  }
};

TEST_F(ReportTest, CountsAndListsEveryKind) {
  Result<CatalogReport> r = read_report(*db_, 0);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->duplicate_skus, 2);
  ASSERT_EQ(r->duplicates.size(), 2u);
  EXPECT_EQ(r->duplicates[0].sku, "GLOVE-STD");
  ASSERT_EQ(r->duplicates[0].variants.size(), 2u);
  EXPECT_EQ(r->duplicates[0].variants[0].name, "Gloves (Black)");
  EXPECT_EQ(r->duplicates[1].sku, "LANTERN");
  EXPECT_EQ(r->without_sku, 1);
  ASSERT_EQ(r->unmapped.size(), 1u);
  EXPECT_EQ(r->unmapped[0].name, "Tote (Olive)");
  EXPECT_EQ(r->unmapped[0].reason, "no SKU");
  EXPECT_EQ(r->untracked, 1);
  ASSERT_EQ(r->untracked_variants.size(), 1u);
  EXPECT_EQ(r->untracked_variants[0].sku, "MUG-HT");
  // Unknown tracking means "no inventory item" only on a V3 site.
  EXPECT_EQ(r->no_inventory_item, 0);
  EXPECT_FALSE(r->clean());
}

TEST_F(ReportTest, V3SiteListsVariantsWithoutAnInventoryItem) {
  ASSERT_TRUE(store::set_meta(*db_, kCatalogVersionKey, "V3_CATALOG").ok());
  Result<CatalogReport> r = read_report(*db_, 0);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->no_inventory_item, 1);
  ASSERT_EQ(r->without_item.size(), 1u);
  EXPECT_EQ(r->without_item[0].sku, "FLAGS");
}

TEST_F(ReportTest, ListsAreBoundedCountsAreNot) {
  Result<CatalogReport> r = read_report(*db_, 1);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->duplicate_skus, 2);
  ASSERT_EQ(r->duplicates.size(), 1u);
  EXPECT_EQ(r->duplicates[0].variants.size(), 2u) << "a listed SKU lists all its variants";
}

TEST_F(ReportTest, JsonHintAndCountsText) {
  Result<CatalogReport> r = read_report(*db_, 0);
  ASSERT_TRUE(r.ok());
  JsonPtr j = report_json(*r);
  const cJSON* counts = cJSON_GetObjectItemCaseSensitive(j.get(), "counts");
  EXPECT_EQ(cJSON_GetObjectItemCaseSensitive(counts, "duplicate_skus")->valueint, 2);
  EXPECT_EQ(cJSON_GetObjectItemCaseSensitive(counts, "without_sku")->valueint, 1);
  EXPECT_EQ(cJSON_GetObjectItemCaseSensitive(counts, "untracked")->valueint, 1);
  EXPECT_EQ(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(j.get(), "duplicate_skus")), 2);
  EXPECT_EQ(report_counts_text(*r),
            "2 SKUs on several variants, 1 variant without a usable SKU, 1 variant with "
            "untracked quantity");
  const std::string hint = report_hint(*r);
  EXPECT_NE(hint.find("give every variant its own SKU"), std::string::npos) << hint;
  EXPECT_NE(hint.find("turn on quantity tracking"), std::string::npos) << hint;
  EXPECT_EQ(report_hint(CatalogReport{}), "");
}

TEST_F(ReportTest, PullStatusReadsTheMarks) {
  Result<PullStatus> st = read_pull_status(*db_);
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->pulled_at, "");
  EXPECT_FALSE(st->interrupted);
  EXPECT_EQ(st->wix_variants, 7);
  ASSERT_TRUE(store::set_meta(*db_, kPulledAtKey, "2026-02-01T00:00:00.000Z").ok());
  ASSERT_TRUE(store::set_meta(*db_, kLastModeKey, "full").ok());
  PendingPull p;
  p.generation = 5;
  ASSERT_TRUE(save_pending(*db_, p).ok());
  st = read_pull_status(*db_);
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->pulled_at, "2026-02-01T00:00:00.000Z");
  EXPECT_EQ(st->last_mode, "full");
  EXPECT_TRUE(st->interrupted);
}

TEST_F(ReportTest, PendingPullRoundTrips) {
  PendingPull p;
  p.full = false;
  p.generation = 1768046400123;
  p.since = "2026-01-01T00:00:00.000Z";
  p.items_since = "2026-01-02T00:00:00.000Z";
  p.max_updated = "2026-01-03T00:00:00.000Z";
  p.items_max_updated = "2026-01-04T00:00:00.000Z";
  p.v1_after = "1767603600000004";
  p.v3_items_phase = true;
  ASSERT_TRUE(save_pending(*db_, p).ok());
  Result<std::optional<PendingPull>> back = load_pending(*db_);
  ASSERT_TRUE(back.ok());
  ASSERT_TRUE(back->has_value());
  const PendingPull& q = **back;
  EXPECT_FALSE(q.full);
  EXPECT_EQ(q.generation, 1768046400123);
  EXPECT_EQ(q.since, p.since);
  EXPECT_EQ(q.items_since, p.items_since);
  EXPECT_EQ(q.max_updated, p.max_updated);
  EXPECT_EQ(q.items_max_updated, p.items_max_updated);
  EXPECT_EQ(q.v1_after, p.v1_after);
  EXPECT_TRUE(q.v3_items_phase);
  ASSERT_TRUE(store::set_meta(*db_, kPendingKey, "not json").ok());
  back = load_pending(*db_);
  ASSERT_TRUE(back.ok());
  EXPECT_FALSE(back->has_value()) << "an unreadable position starts the pull again";
}

}  // namespace
}  // namespace shelfnode::pull
