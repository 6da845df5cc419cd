#include <string>

#include "shelfnode/catalog/catalog.h"
#include "shelfnode/scan/gtin.h"
#include "support/ledger_fixture.h"

namespace shelfnode::catalog {
namespace {

class LookupTest : public shelfnode::testing::LedgerFixture {
 protected:
  void SetUp() override {
    LedgerFixture::SetUp();
    const std::string in(
        "sku,name,barcode\n"
        "MUG,Mug,4006381333931\n"
        "TEE,Tee,036000291452\n"
        "96385074,Numeric SKU that is an EAN-8,\n"
        "12345,Numeric SKU,\n");
    auto r = import_csv(*db_, in, clock_);
    ASSERT_TRUE(r.ok()) << r.status().message();
  }
  Result<Match> find_raw(const std::string& raw) { return find(*db_, raw); }
};

TEST_F(LookupTest, ExactSkuFirst) {
  auto m = find_raw("MUG");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->sku, "MUG");
  EXPECT_EQ(m->name, "Mug");
  EXPECT_EQ(m->matched_by, "sku");
}

TEST_F(LookupTest, AnyGtinFormFindsTheBarcode) {
  for (const char* code :
       {"4006381333931", "04006381333931", "(01)04006381333931", "(01)04006381333931(10)LOT7",
        "https://id.example.com/01/04006381333931"}) {
    auto m = find_raw(code);
    ASSERT_TRUE(m.ok()) << code << ": " << m.status().message();
    EXPECT_EQ(m->sku, "MUG") << code;
    EXPECT_EQ(m->matched_by, "gtin") << code;
  }
  auto upc = find_raw("0036000291452");  // UPC-A scanned as EAN-13
  ASSERT_TRUE(upc.ok());
  EXPECT_EQ(upc->sku, "TEE");
}

TEST_F(LookupTest, ASkuThatIsAGtinAnswersToItsOtherForms) {
  auto m = find_raw("00000096385074");
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(m->sku, "96385074");
}

TEST_F(LookupTest, UnknownCodesSayWhatToDo) {
  auto m = find_raw("NOPE");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), Code::kNotFound);
  EXPECT_EQ(m.status().exit_code(), 65);
  EXPECT_NE(m.status().message().find("alias add"), std::string::npos);
  m = find_raw("4006381333932");
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("should be 1"), std::string::npos) << m.status().message();
}

TEST_F(LookupTest, AliasesComeLastAndCannotOverrideTheCatalog) {
  ASSERT_TRUE(add_alias(*db_, "SHELF-7", "MUG", clock_).ok());
  auto m = find_raw("SHELF-7");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->sku, "MUG");
  EXPECT_EQ(m->matched_by, "alias");
  Status s = add_alias(*db_, "TEE", "MUG", clock_);
  EXPECT_EQ(s.code(), Code::kBadData);
  s = add_alias(*db_, "X", "UNKNOWN", clock_);
  EXPECT_EQ(s.code(), Code::kNotFound);
  // An alias that is a GTIN is found by any form of that GTIN.
  ASSERT_TRUE(add_alias(*db_, "5012345678900", "TEE", clock_).ok());
  m = find_raw("05012345678900");
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(m->sku, "TEE");
}

TEST_F(LookupTest, ACodeMeaningTwoSkusIsRefused) {
  // Two Wix variants that share a barcode: lookup must not pick one.
  ASSERT_TRUE(
      db_->exec("INSERT INTO catalog_items (origin, sku, name, barcode, barcode_gtin14, product_id,"
                " variant_id, updated_at) VALUES"
                " ('wix', 'V-1', 'One', '5012345678900', '05012345678900', 'p', 'v1', 'x'),"
                " ('wix', 'V-2', 'Two', '5012345678900', '05012345678900', 'p', 'v2', 'x')")
          .ok());
  auto m = find_raw("5012345678900");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), Code::kBadData);
  EXPECT_NE(m.status().message().find("V-1, V-2"), std::string::npos) << m.status().message();
}

// A Wix SKU with whitespace or a control character is never stored by a pull from this
// version on; a row left by an older pull is refused by lookups instead of being used.
TEST_F(LookupTest, UnusableSkusLeftByAnOlderPullAreRefused) {
  ASSERT_TRUE(db_->exec("INSERT INTO catalog_items (origin, sku, name, barcode, barcode_gtin14,"
                        " product_id, variant_id, updated_at) VALUES ('wix', 'CREME BRULEE',"
                        " 'Crème brûlée', '5901234123457', '05901234123457', 'p', 'v', 'x')")
                  .ok());
  for (const char* code : {"CREME BRULEE", "5901234123457"}) {
    auto m = find_raw(code);
    ASSERT_FALSE(m.ok()) << code;
    EXPECT_EQ(m.status().code(), Code::kBadData) << code;
    EXPECT_NE(m.status().message().find("SKU 'CREME BRULEE' contains whitespace"),
              std::string::npos)
        << m.status().message();
    EXPECT_NE(m.status().message().find("catalog pull"), std::string::npos) << m.status().message();
  }
}

// An 8-digit barcode in a catalog is read as EAN-8 when it is one, else as UPC-E; either way
// every scan of the printed symbol must find it: bare, ]E4 (EAN-8), ]E0 (UPC-E) or UPC-A.
TEST_F(LookupTest, EightDigitCatalogBarcodesAnswerToEveryReadingOfTheSymbol) {
  const std::string in(
      "sku,name,barcode\n"
      "UPCE-ONLY,Valid only as UPC-E,01278907\n"
      "BOTH,Valid as EAN-8 and as UPC-E,12345670\n");
  auto r = import_csv(*db_, in, clock_);
  ASSERT_TRUE(r.ok()) << r.status().message();
  for (const char* code : {"01278907", "]E001278907", "012000007897", "]E0012000007897"}) {
    auto m = find_raw(code);
    ASSERT_TRUE(m.ok()) << code << ": " << m.status().message();
    EXPECT_EQ(m->sku, "UPCE-ONLY") << code;
  }
  // A scanner set to send UPC-E as UPC-A sends 123456000070 for the same symbol.
  for (const char* code :
       {"12345670", "]E412345670", "]E012345670", "123456000070", "(01)00123456000070"}) {
    auto m = find_raw(code);
    ASSERT_TRUE(m.ok()) << code << ": " << m.status().message();
    EXPECT_EQ(m->sku, "BOTH") << code;
  }
  EXPECT_EQ(scan::upce_forms("00123456000070"), std::vector<std::string>{"12345670"});
  EXPECT_TRUE(scan::upce_forms("04006381333931").empty());
}

}  // namespace
}  // namespace shelfnode::catalog
