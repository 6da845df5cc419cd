// catalog import: all rows or none, bad rows reported by line number.
#include "cli_fixture.h"

namespace shelfnode::cli_test {
namespace {

class CatalogImportTest : public CliTest {
 protected:
  void SetUp() override { ok({"init"}); }

  support::RunResult import(const std::string& name, const std::string& content) {
    return sn({"catalog", "import", write_csv(name, content)});
  }

  std::string imported(const std::string& name, int added, int updated, int total) {
    return "imported " + file(name) + ": " + std::to_string(added) + " new, " +
           std::to_string(updated) + " updated; " + std::to_string(total) +
           (total == 1 ? " SKU" : " SKUs") + " in the catalog\n";
  }

  // The name `catalog find CODE --json` reports, or "" when the code is unknown.
  std::string name_of(const std::string& code) {
    support::RunResult r = sn({"catalog", "find", code, "--json"});
    if (r.exit_code != 0) return "";
    JsonPtr root = parse_json(r.out);
    return root ? json_string(root.get(), "name") : "";
  }

  void expect_unknown(const std::string& code) {
    expect_refused(sn({"catalog", "find", code}), 65, "unknown code '" + code + "'");
  }
};

TEST_F(CatalogImportTest, NewThenUpdated) {
  support::RunResult r = import("c.csv", standard_catalog_csv());
  EXPECT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(r.out, imported("c.csv", 3, 0, 3));
  EXPECT_EQ(r.err, "");
  r = import("c.csv", standard_catalog_csv());
  EXPECT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(r.out, imported("c.csv", 0, 3, 3));
  // An update changes the name; a new SKU is added beside the old ones.
  r = import("d.csv",
             std::string("sku,name,barcode\n") + kApple + ",Apple juice 2l,\nNEW-1,New,\n");
  EXPECT_EQ(r.out, imported("d.csv", 1, 1, 4)) << describe(r);
  EXPECT_EQ(name_of(kApple), "Apple juice 2l");
  EXPECT_EQ(name_of("NEW-1"), "New");
  // The update dropped the barcode: the EAN no longer finds the SKU.
  expect_unknown(kAppleEan13);
}

TEST_F(CatalogImportTest, BadRowsAreListedByLineAndNothingIsImported) {
  const std::string csv = std::string("sku,name,barcode\n") + "GOOD-1,Good one," + kSpareEan13 +
                          "\n" +                               // line 2: fine
                          "BAD-2,Bad check,4006381333932\n" +  // line 3: check digit
                          "GOOD-4,Good four,\n" +              // line 4: fine
                          "BAD-5,Too few fields\n" +           // line 5: 2 fields
                          ",No sku,\n" +                       // line 6: empty SKU
                          "BAD-7,,\n";                         // line 7: empty name
  support::RunResult r = import("bad.csv", csv);
  expect_refused(r, 65,
                 "bad.csv: 4 bad row(s); nothing was imported. Fix these and import the file "
                 "again:\n");
  EXPECT_TRUE(contains(r.err,
                       "\n  line 3: barcode: check digit of 4006381333932 should be 1, "
                       "not 2"))
      << r.err;
  EXPECT_TRUE(contains(r.err, "\n  line 5: expected 3 fields, found 2")) << r.err;
  EXPECT_TRUE(contains(r.err, "\n  line 6: SKU is empty")) << r.err;
  EXPECT_TRUE(contains(r.err, "\n  line 7: name is empty")) << r.err;
  EXPECT_FALSE(contains(r.err, "line 2:")) << r.err;
  EXPECT_FALSE(contains(r.err, "line 4:")) << r.err;
  expect_unknown("GOOD-1");
  expect_unknown("GOOD-4");
  expect_unknown(kSpareEan13);
  EXPECT_TRUE(contains(ok({"status"}), "catalog:      0 SKUs cached")) << "nothing imported";
}

TEST_F(CatalogImportTest, DuplicateSkuInFile) {
  support::RunResult r =
      import("dup.csv", "sku,name,barcode\nS-1,One,\nS-2,Two,\nS-1,One again,\n");
  expect_refused(r, 65, "line 4: SKU 'S-1' already appears on line 2: keep one row per SKU");
  expect_unknown("S-2");
}

TEST_F(CatalogImportTest, DuplicateBarcodeInFileIncludingEquivalentForms) {
  support::RunResult r = import("dup.csv", std::string("sku,name,barcode\nS-1,One,") + kBreadUpcA +
                                               "\nS-2,Two," + kBreadEan13 + "\n");
  expect_refused(r, 65,
                 std::string("line 3: barcode ") + kBreadEan13 +
                     " is already used on line 2: one barcode can name only one SKU");
  expect_unknown("S-1");
}

TEST_F(CatalogImportTest, BarcodeOfAnotherSkuInTheCatalog) {
  ASSERT_EQ(import("c.csv", standard_catalog_csv()).exit_code, 0);
  support::RunResult r = import("steal.csv", std::string("sku,name,barcode\nOTHER-1,Other,") +
                                                 kAppleGtin14 + "\nOTHER-2,Fine,\n");
  expect_refused(r, 65,
                 std::string("line 2: barcode ") + kAppleGtin14 + " already belongs to SKU '" +
                     kApple + "' in the catalog");
  expect_unknown("OTHER-2");
  EXPECT_EQ(name_of(kAppleEan13), "Apple juice 1l");
  // The SKU that owns the barcode may keep it on re-import.
  EXPECT_EQ(import("c.csv", standard_catalog_csv()).out, imported("c.csv", 0, 3, 3));
}

TEST_F(CatalogImportTest, HeaderProblems) {
  expect_refused(import("noheader.csv", std::string("X-1,Thing,") + kSpareEan13 + "\n"), 65,
                 "line 1: column 'X-1' is not expected: the header must be sku,name,barcode");
  expect_refused(import("extra.csv", "sku,name,barcode,price\nX-1,Thing,,1\n"), 65,
                 "line 1: column 'price' is not expected");
  expect_refused(import("twice.csv", "sku,name,sku\nX-1,Thing,X\n"), 65,
                 "line 1: column 'sku' is not expected");
  expect_refused(import("noname.csv", "sku,barcode\nX-1,\n"), 65,
                 "line 1: the header must name the columns sku,name,barcode");
  expect_refused(import("empty.csv", ""), 65, "the file is empty");
  expect_unknown("X-1");
}

TEST_F(CatalogImportTest, HeaderIsCaseAndOrderInsensitiveAndBarcodeOptional) {
  support::RunResult r =
      import("h.csv", std::string(" Barcode ,NAME,Sku\n") + kSpareEan13 + ",Reordered,R-1\n");
  EXPECT_EQ(r.out, imported("h.csv", 1, 0, 1)) << describe(r);
  EXPECT_EQ(name_of(kSpareEan13), "Reordered");
  r = import("nb.csv", "sku,name\nN-1,No barcode\n");
  EXPECT_EQ(r.out, imported("nb.csv", 1, 0, 2)) << describe(r);
  EXPECT_EQ(name_of("N-1"), "No barcode");
}

TEST_F(CatalogImportTest, QuotedFieldsWithCommasQuotesAndLineBreaks) {
  const std::string csv =
      "sku,name,barcode\n"
      "Q-1,\"Quote \"\"best\"\", with, commas\",\n"
      "\"Q,3\",Comma sku," +
      std::string(kSpareEan13) + "\n";
  support::RunResult r = import("q.csv", csv);
  EXPECT_EQ(r.out, imported("q.csv", 2, 0, 2)) << describe(r);
  EXPECT_EQ(name_of("Q-1"), "Quote \"best\", with, commas");
  EXPECT_EQ(name_of("Q,3"), "Comma sku");
  // A quoted line break is read, but a name may not hold one (it would split a line of
  // `catalog find` or `stock`): refused, by the line its record starts on.
  r = import("q2.csv", "sku,name,barcode\nQ-2,\"two\nlines\",\nQ-4,after it,\n");
  expect_refused(r, 65, "1 bad row(s)");
  EXPECT_TRUE(contains(r.err, "\n  line 2: name contains a control character")) << describe(r);
  EXPECT_EQ(name_of("Q-4"), "");
  // A line break inside quotes still counts as a line for the error report.
  r = import("ql.csv", "sku,name,barcode\nL-1,\"a\nb\",\nL-2,x,12345\n");
  expect_refused(r, 65, "\n  line 4: barcode: GTIN 12345 has 5 digits");
}

TEST_F(CatalogImportTest, CrlfBomAndNoFinalNewline) {
  support::RunResult r = import("crlf.csv", std::string("sku,name,barcode\r\nC-1,Crlf one,") +
                                                kSpareEan13 + "\r\nC-2,Crlf two,\r\n");
  EXPECT_EQ(r.out, imported("crlf.csv", 2, 0, 2)) << describe(r);
  EXPECT_EQ(name_of(kSpareEan13), "Crlf one");
  EXPECT_EQ(name_of("C-2"), "Crlf two");
  r = import("bom.csv", std::string("\xEF\xBB\xBFsku,name,barcode\r\nB-1,\"Bom, one\",") +
                            kSpareEan13b + "\r\nB-2,Last");
  // The last line has two fields only: reported, and B-1 is not imported.
  expect_refused(r, 65, "line 3: expected 3 fields, found 2");
  expect_unknown("B-1");
  r = import("bom.csv", std::string("\xEF\xBB\xBFsku,name,barcode\r\nB-1,\"Bom, one\",") +
                            kSpareEan13b + "\r\nB-2,Last,");
  EXPECT_EQ(r.out, imported("bom.csv", 2, 0, 4)) << describe(r);
  EXPECT_EQ(name_of(kSpareEan13b), "Bom, one");
  EXPECT_EQ(name_of("B-2"), "Last");
}

TEST_F(CatalogImportTest, BlankLinesAreSkipped) {
  support::RunResult r = import("blank.csv", "sku,name,barcode\n\nE-1,One,\n\n\nE-2,Two,\n");
  EXPECT_EQ(r.out, imported("blank.csv", 2, 0, 2)) << describe(r);
}

TEST_F(CatalogImportTest, UnterminatedQuote) {
  support::RunResult r = import("u.csv", "sku,name,barcode\nU-1,Fine,\nU-2,\"never closed,\n");
  expect_refused(r, 65, "line 3: a quoted field is never closed");
  expect_unknown("U-1");
}

TEST_F(CatalogImportTest, MissingFileExits64) {
  expect_refused(sn({"catalog", "import", file("absent.csv")}), 64,
                 "cannot open " + file("absent.csv"));
  expect_refused(sn({"catalog", "import"}), 64, "missing argument");
}

// Where memory runs out (here a limit on address space and a CSV line of 64 MiB), the process
// says so and exits 70, not abort's 134 with no reason. ASan keeps its own allocator, which
// neither honours RLIMIT_AS nor calls the new-handler, so only plain builds can show this.
TEST_F(CatalogImportTest, RunningOutOfMemoryEndsWithAReasonAndTheDocumentedExitCode) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "ASan's allocator ignores RLIMIT_AS; the GCC build runs this test";
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  GTEST_SKIP() << "ASan's allocator ignores RLIMIT_AS; the GCC build runs this test";
#endif
#endif
  const std::string csv = write_csv("huge.csv", "sku,name,barcode\n" + std::string(64 << 20, 'x'));
  support::ChildSetup setup;
  setup.max_memory = rlim_t{96} << 20;
  support::RunResult r = support::run(
      {support::shelfnode_bin(), "--data-dir", dir(), "catalog", "import", csv}, "", {}, setup);
  EXPECT_EQ(r.exit_code, 70) << describe(r);
  EXPECT_TRUE(starts_with(r.err, "shelfnode: out of memory: ")) << describe(r);
  // Nothing was half-imported, and the next import goes through.
  r = import("c.csv", standard_catalog_csv());
  EXPECT_EQ(r.out, imported("c.csv", 3, 0, 3)) << describe(r);
}

}  // namespace
}  // namespace shelfnode::cli_test
