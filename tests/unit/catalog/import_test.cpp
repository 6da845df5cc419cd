#include <sstream>

#include "shelfnode/catalog/catalog.h"
#include "support/ledger_fixture.h"

namespace shelfnode::catalog {
namespace {

class ImportTest : public shelfnode::testing::LedgerFixture {
 protected:
  Result<ImportReport> import(const std::string& text) {
    std::istringstream in(text);
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

}  // namespace
}  // namespace shelfnode::catalog
