#include <string>

#include "shelfnode/catalog/catalog.h"
#include "support/ledger_fixture.h"

namespace shelfnode::catalog {
namespace {

class ImportTest : public shelfnode::testing::LedgerFixture {
 protected:
  Result<ImportReport> import(const std::string& text) {
    const std::string in(text);
    return import_csv(*db_, in, clock_);
  }
};

TEST_F(ImportTest, AddsThenUpdates) {
  auto r = import("sku,name,barcode\nMUG,Mug,4006381333931\nPEN,\"Pen, black\",\n");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->added, 2);
  EXPECT_EQ(r->updated, 0);
  r = import("name,sku\nBig mug,MUG\n");  // column order is free, barcode optional
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->added, 0);
  EXPECT_EQ(r->updated, 1);
  EXPECT_EQ(scalar("SELECT count(*) FROM catalog_items WHERE name = 'Big mug'"), 1);
  EXPECT_EQ(*catalog_size(*db_), 2);
}

TEST_F(ImportTest, BadRowsAreAllReportedAndNothingIsWritten) {
  auto r = import(
      "sku,name,barcode\n"
      "OK-1,Fine,4006381333931\n"
      ",No sku,\n"
      "BAD-CHECK,Wrong digit,4006381333932\n"
      "OK-1,Again,\n"
      "DUP-BC,Same barcode,4006381333931\n"
      "SHORT,only two\n"
      "LONG-NAME," +
      std::string(201, 'n') + ",\n");
  ASSERT_FALSE(r.ok());
  const std::string& m = r.status().message();
  EXPECT_EQ(r.status().code(), Code::kBadData);
  EXPECT_NE(m.find("6 bad row(s); nothing was imported"), std::string::npos) << m;
  EXPECT_NE(m.find("line 3: SKU is empty"), std::string::npos) << m;
  EXPECT_NE(m.find("line 4: barcode:"), std::string::npos) << m;
  EXPECT_NE(m.find("should be 1"), std::string::npos) << m;
  EXPECT_NE(m.find("line 5: SKU 'OK-1' already appears on line 2"), std::string::npos) << m;
  EXPECT_NE(m.find("line 6: barcode 4006381333931 is already used on line 2"), std::string::npos)
      << m;
  EXPECT_NE(m.find("line 7: expected 3 fields, found 2"), std::string::npos) << m;
  EXPECT_NE(m.find("line 8: name is longer"), std::string::npos) << m;
  EXPECT_EQ(*catalog_size(*db_), 0);
}

TEST_F(ImportTest, HeaderProblems) {
  EXPECT_NE(import("").status().message().find("empty"), std::string::npos);
  EXPECT_NE(import("sku,qty\n").status().message().find("column 'qty' is not expected"),
            std::string::npos);
  EXPECT_NE(import("name\n").status().message().find("header must name"), std::string::npos);
  EXPECT_NE(import("sku,sku,name\n").status().message().find("not expected"), std::string::npos);
}

TEST_F(ImportTest, BarcodeAlreadyOwnedByAnotherSkuIsRefused) {
  ASSERT_TRUE(import("sku,name,barcode\nA,A,4006381333931\n").ok());
  auto r = import("sku,name,barcode\nB,B,04006381333931\n");  // same GTIN, 14-digit form
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("already belongs to SKU 'A'"), std::string::npos);
  // Re-importing the owner with its own barcode is fine.
  EXPECT_TRUE(import("sku,name,barcode\nA,A2,4006381333931\n").ok());
}

TEST_F(ImportTest, LongSkusAndControlCharactersAreRefused) {
  auto r = import("sku,name\n" + std::string(41, 'S') + ",x\nA\tB,y\n");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("longer than 40"), std::string::npos);
  EXPECT_NE(r.status().message().find("control character"), std::string::npos);
}

// A name or SKU is printed on clerks' terminals and split by scripts: control characters and
// bytes that are not UTF-8 are refused at import, by line, like any other bad row.
TEST_F(ImportTest, ControlCharactersAndInvalidUtf8InNamesAreRefused) {
  auto r = import(
      "sku,name\n"
      "ESC,\x1B[2JWiped screen\n"
      "CRLF,\"Two\r\nlines\"\n"
      "DEL,Del\x7F\n"
      "C1,Csi \xC2\x9B"
      "31m\n"
      "LATIN1,Cr\xE8me\n"
      "TAB,Tab\tbed\n"
      "FINE,Crème brûlée\n");
  ASSERT_FALSE(r.ok());
  const std::string& m = r.status().message();
  EXPECT_NE(m.find("6 bad row(s)"), std::string::npos) << m;
  for (int line = 2; line <= 7; ++line) {
    const std::string at = "line " + std::to_string(line >= 4 ? line + 1 : line) + ": name ";
    EXPECT_NE(m.find(at), std::string::npos) << at << " in:\n" << m;
  }
  EXPECT_NE(m.find("line 3: name contains a control character"), std::string::npos) << m;
  EXPECT_NE(m.find("line 7: name is not valid UTF-8"), std::string::npos) << m;
  EXPECT_EQ(m.find("line 9"), std::string::npos) << m;  // Crème brûlée is fine
  EXPECT_EQ(*catalog_size(*db_), 0);
  ASSERT_TRUE(import("sku,name\nFINE,Crème brûlée\n").ok());
  EXPECT_EQ(scalar("SELECT count(*) FROM catalog_items WHERE name = 'Crème brûlée'"), 1);
}

TEST_F(ImportTest, SkusWithWhitespaceOrInvalidUtf8AreRefused) {
  auto r = import(
      "sku,name\n"
      "A B,space inside\n"
      "A\xC2\xA0"
      "B,no-break space\n"
      "A\xE3\x80\x80"
      "B,ideographic space\n"
      "\xFF\xFE,not UTF-8\n"
      "\xC2\x85X,next line (C1)\n"
      "Sk\xC3\xBC-1,fine: non-ASCII letters are allowed\n");
  ASSERT_FALSE(r.ok());
  const std::string& m = r.status().message();
  EXPECT_NE(m.find("5 bad row(s)"), std::string::npos) << m;
  EXPECT_NE(m.find("line 2: SKU 'A B' contains whitespace"), std::string::npos) << m;
  EXPECT_NE(m.find("line 3: SKU 'A\xC2\xA0"
                   "B' contains whitespace"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("line 4: SKU "), std::string::npos) << m;
  EXPECT_NE(m.find("line 5: SKU '\\xFF\\xFE' is not valid UTF-8"), std::string::npos) << m;
  EXPECT_NE(m.find("line 6: SKU contains a control character"), std::string::npos) << m;
  EXPECT_EQ(m.find("line 7"), std::string::npos) << m;
  EXPECT_FALSE(validate_sku("A B").ok());
  EXPECT_TRUE(validate_sku("Sk\xC3\xBC-1").ok());
}

TEST_F(ImportTest, AnEightDigitUpcEBarcodeIsImportedAsItsUpcA) {
  auto r = import("sku,name,barcode\nCAN,Can,01278907\n");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(scalar("SELECT count(*) FROM catalog_items WHERE barcode_gtin14 = '00012000007897'"),
            1);
  // Neither an EAN-8 nor a UPC-E: still refused, naming both readings.
  auto bad = import("sku,name,barcode\nX,X,01278908\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("neither an EAN-8 nor a UPC-E"), std::string::npos)
      << bad.status().message();
}

}  // namespace
}  // namespace shelfnode::catalog
