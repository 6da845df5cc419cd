// The cache writer: what a page does to catalog_items, and what a complete pull sweeps.
#include "pull/cache_writer.h"

#include "pull_db_fixture.h"

namespace shelfnode::pull {
namespace {

class CacheWriterTest : public PullDbTest {
 protected:
  // Writes rows as one pull (generation) would, in its own transaction.
  WriteCounts write(std::int64_t generation, const std::vector<VariantRow>& rows,
                    const std::string& now = "2026-02-01T00:00:00.000Z") {
    CacheWriter w(*db_, now);
    w.begin(generation);
    auto tx = store::Transaction::begin(*db_);
    EXPECT_TRUE(tx.ok());
    Status s = w.write_variants(rows);
    EXPECT_TRUE(s.ok()) << s.message();
    EXPECT_TRUE((*tx)->commit().ok());
    return w.counts();
  }

  std::string item(const std::string& variant, const char* column) {
    return text(std::string("SELECT ") + column +
                " FROM catalog_items WHERE origin = 'wix' AND variant_id = '" + variant + "'");
  }
};

TEST_F(CacheWriterTest, InsertsRowsThatLookupsFindBySkuAndBarcode) {
  const WriteCounts c =
      write(1, {row("p1", "v1", "ROPE-10M", "Mooring rope", true, "4006381333955"),
                row("p2", "v2", "96385074", "Numeric SKU", false)});
  EXPECT_EQ(c.added, 2);
  EXPECT_EQ(item("v1", "barcode_gtin14"), "04006381333955");
  EXPECT_EQ(item("v1", "track_quantity"), "1");
  EXPECT_EQ(item("v2", "sku_gtin14"), "00000096385074");
  EXPECT_EQ(item("v2", "track_quantity"), "0");
  Result<catalog::Match> by_barcode = catalog::find(*db_, "4006381333955");
  ASSERT_TRUE(by_barcode.ok()) << by_barcode.status().message();
  EXPECT_EQ(by_barcode->sku, "ROPE-10M");
  EXPECT_EQ(by_barcode->matched_by, "gtin");
  Result<catalog::Match> by_sku = catalog::find(*db_, "ROPE-10M");
  ASSERT_TRUE(by_sku.ok());
  EXPECT_EQ(by_sku->name, "Mooring rope");
}

TEST_F(CacheWriterTest, UnchangedRowsKeepTheirUpdatedAt) {
  write(1, {row("p1", "v1", "A", "Apple")}, "2026-02-01T00:00:00.000Z");
  const WriteCounts c = write(2, {row("p1", "v1", "A", "Apple")}, "2026-02-02T00:00:00.000Z");
  EXPECT_EQ(c.unchanged, 1);
  EXPECT_EQ(c.updated, 0);
  EXPECT_EQ(item("v1", "updated_at"), "2026-02-01T00:00:00.000Z");
  EXPECT_EQ(item("v1", "pull_generation"), "2");
}

TEST_F(CacheWriterTest, ChangedRowsAreUpdatedAndDated) {
  write(1, {row("p1", "v1", "A", "Apple", true)}, "2026-02-01T00:00:00.000Z");
  WriteCounts c = write(2, {row("p1", "v1", "A", "Apple, red", true)}, "2026-02-02T00:00:00.000Z");
  EXPECT_EQ(c.updated, 1);
  EXPECT_EQ(item("v1", "name"), "Apple, red");
  EXPECT_EQ(item("v1", "updated_at"), "2026-02-02T00:00:00.000Z");
  c = write(3, {row("p1", "v1", "A", "Apple, red", false)});
  EXPECT_EQ(c.updated, 1) << "tracking switched off is a change";
  EXPECT_EQ(item("v1", "track_quantity"), "0");
  c = write(4, {row("p1", "v1", "B", "Apple, red", false)});
  EXPECT_EQ(c.updated, 1);
  EXPECT_EQ(item("v1", "sku"), "B");
}

TEST_F(CacheWriterTest, ASourceWithoutTrackingKeepsWhatTheItemsSaid) {
  write(1, {row("p1", "v1", "A", "Apple", std::nullopt)});
  EXPECT_EQ(item("v1", "track_quantity"), "<null>");
  CacheWriter w(*db_, "2026-02-01T00:00:00.000Z");
  w.begin(1);
  ASSERT_TRUE(w.write_tracking({{"p1", "v1", false}, {"p9", "v9", true}}).ok());
  EXPECT_EQ(item("v1", "track_quantity"), "0");
  EXPECT_EQ(item("v1", "tracked_generation"), "1");
  EXPECT_EQ(w.counts().updated, 0) << "the first word on tracking is no change";
  ASSERT_TRUE(w.write_tracking({{"p1", "v1", true}}).ok());
  EXPECT_EQ(w.counts().updated, 1);
  EXPECT_EQ(item("v1", "track_quantity"), "1");
  ASSERT_TRUE(w.write_tracking({{"p1", "v1", false}}).ok());
  const WriteCounts c = write(2, {row("p1", "v1", "A", "Apple", std::nullopt)});
  EXPECT_EQ(c.unchanged, 1);
  EXPECT_EQ(item("v1", "track_quantity"), "0");
}

TEST_F(CacheWriterTest, VariantsWithoutSkuAreListedNeverCatalogued) {
  const WriteCounts c = write(1, {row("p1", "v1", "", "Bag (Sand)")});
  EXPECT_EQ(c.unmapped, 1);
  EXPECT_EQ(c.added, 0);
  EXPECT_EQ(scalar("SELECT count(*) FROM catalog_items"), 0);
  EXPECT_EQ(text("SELECT reason FROM catalog_wix_unmapped WHERE variant_id = 'v1'"), "no SKU");
}

TEST_F(CacheWriterTest, AVariantThatLosesItsSkuLeavesTheCatalogAndComesBack) {
  write(1, {row("p1", "v1", "BAG-SAND", "Bag (Sand)")});
  WriteCounts c = write(2, {row("p1", "v1", "", "Bag (Sand)")});
  EXPECT_EQ(c.removed, 1);
  EXPECT_EQ(scalar("SELECT count(*) FROM catalog_items"), 0);
  EXPECT_EQ(scalar("SELECT count(*) FROM catalog_wix_unmapped"), 1);
  c = write(3, {row("p1", "v1", "BAG-SAND", "Bag (Sand)")});
  EXPECT_EQ(c.added, 1);
  EXPECT_EQ(scalar("SELECT count(*) FROM catalog_wix_unmapped"), 0);
}

TEST_F(CacheWriterTest, ImportedRowsAreNeverTouched) {
  exec(
      "INSERT INTO catalog_items (origin, sku, name, updated_at) VALUES ('import', 'A', 'Mine',"
      " '2026-01-01T00:00:00.000Z')");
  write(1, {row("p1", "v1", "A", "Wix name")});
  CacheWriter w(*db_, "now");
  w.begin(2);
  ASSERT_TRUE(w.sweep_unseen(true).ok());
  EXPECT_EQ(scalar("SELECT count(*) FROM catalog_items WHERE origin = 'import'"), 1);
  EXPECT_EQ(w.counts().removed, 1);  // the Wix row, unseen by pull 2
}

TEST_F(CacheWriterTest, FullSweepRemovesWhatThePullDidNotSee) {
  write(1, {row("p1", "v1", "A", "A"), row("p2", "v2", "B", "B"), row("p3", "v3", "", "C")});
  write(2, {row("p1", "v1", "A", "A")});
  CacheWriter w(*db_, "now");
  w.begin(2);
  ASSERT_TRUE(w.sweep_unseen(false).ok());
  EXPECT_EQ(w.counts().removed, 1);
  EXPECT_EQ(scalar("SELECT count(*) FROM catalog_items"), 1);
  EXPECT_EQ(scalar("SELECT count(*) FROM catalog_wix_unmapped"), 0);
}

TEST_F(CacheWriterTest, FullV3SweepForgetsTrackingNoItemConfirmed) {
  write(1, {row("p1", "v1", "A", "A", std::nullopt), row("p2", "v2", "B", "B", std::nullopt)});
  CacheWriter w(*db_, "now");
  w.begin(1);
  ASSERT_TRUE(w.write_tracking({{"p1", "v1", true}, {"p2", "v2", true}}).ok());
  write(2, {row("p1", "v1", "A", "A", std::nullopt), row("p2", "v2", "B", "B", std::nullopt)});
  CacheWriter w2(*db_, "now");
  w2.begin(2);
  ASSERT_TRUE(w2.write_tracking({{"p1", "v1", true}}).ok());  // v2's item is gone
  ASSERT_TRUE(w2.sweep_unseen(true).ok());
  EXPECT_EQ(item("v1", "track_quantity"), "1");
  EXPECT_EQ(item("v2", "track_quantity"), "<null>");
}

TEST_F(CacheWriterTest, IncrementalSweepOnlyTouchesProductsItSaw) {
  write(1, {row("p1", "v1", "A1", "A"), row("p1", "v2", "A2", "A"), row("p2", "v3", "B", "B")});
  // Pull 2 sees product p1 with one variant left; p2 did not change, so it is not sent.
  write(2, {row("p1", "v1", "A1", "A")});
  CacheWriter w(*db_, "now");
  w.begin(2);
  ASSERT_TRUE(w.sweep_seen_products().ok());
  EXPECT_EQ(w.counts().removed, 1);
  EXPECT_EQ(text("SELECT group_concat(sku) FROM (SELECT sku FROM catalog_items ORDER BY sku)"),
            "A1,B");
}

}  // namespace
}  // namespace shelfnode::pull
