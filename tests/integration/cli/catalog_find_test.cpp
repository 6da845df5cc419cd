// catalog find (every way a code can name a SKU) and alias add.
#include "cli_fixture.h"

namespace shelfnode::cli_test {
namespace {

class CatalogFindTest : public CliTest {
 protected:
  void SetUp() override { init_store(); }

  // The text reply of a successful find.
  std::string found(const std::string& code) {
    support::RunResult r = sn({"catalog", "find", code});
    EXPECT_EQ(r.exit_code, 0) << code << "\n" << describe(r);
    EXPECT_EQ(r.err, "");
    return r.out;
  }

  JsonPtr found_json(const std::string& code) {
    support::RunResult r = sn({"catalog", "find", code, "--json"});
    EXPECT_EQ(r.exit_code, 0) << code << "\n" << describe(r);
    JsonPtr root = parse_json(r.out);
    EXPECT_TRUE(root) << r.out;
    return root;
  }

  std::vector<std::string> gtins(const cJSON* root) {
    std::vector<std::string> out;
    const cJSON* g = nullptr;
    cJSON_ArrayForEach(g, cJSON_GetObjectItemCaseSensitive(root, "gtin14")) {
      out.emplace_back(cJSON_GetStringValue(g));
    }
    return out;
  }
};

TEST_F(CatalogFindTest, BySku) {
  EXPECT_EQ(found(kApple), std::string(kApple) + "  Apple juice 1l  (by sku)\n");
  EXPECT_EQ(found(kBread), std::string(kBread) + "  Bread, brown  (by sku)\n");
}

TEST_F(CatalogFindTest, ByEveryFormOfTheGtin) {
  const std::string apple = std::string(kApple) + "  Apple juice 1l  (by gtin)\n";
  EXPECT_EQ(found(kAppleEan13), apple);
  EXPECT_EQ(found(kAppleGtin14), apple);
  EXPECT_EQ(found(std::string("(01)") + kAppleGtin14 + "(10)LOT1"), apple);
  EXPECT_EQ(found(std::string("https://id.example.com/01/") + kAppleGtin14), apple);
  const std::string bread = std::string(kBread) + "  Bread, brown  (by gtin)\n";
  EXPECT_EQ(found(kBreadUpcA), bread);
  EXPECT_EQ(found(kBreadEan13), bread);
  EXPECT_EQ(found(std::string("0") + kBreadEan13), bread);
  EXPECT_EQ(found(kColaEan8), std::string(kCola) + "  Cola 330ml  (by gtin)\n");
  // Scanner padding is not part of the code.
  EXPECT_EQ(found(std::string("  ") + kAppleEan13 + " "), apple);
}

TEST_F(CatalogFindTest, Gs1CountIsShown) {
  EXPECT_EQ(found(std::string("(01)") + kAppleGtin14 + "(30)12"),
            std::string(kApple) + "  Apple juice 1l  (by gtin, count 12)\n");
}

TEST_F(CatalogFindTest, JsonFields) {
  JsonPtr root = found_json(std::string("(01)") + kAppleGtin14 + "(30)12");
  ASSERT_TRUE(root);
  EXPECT_EQ(json_string(root.get(), "code"), std::string("(01)") + kAppleGtin14 + "(30)12");
  EXPECT_EQ(json_string(root.get(), "kind"), "gs1");
  EXPECT_EQ(json_string(root.get(), "sku"), kApple);
  EXPECT_EQ(json_string(root.get(), "name"), "Apple juice 1l");
  EXPECT_EQ(json_string(root.get(), "matched_by"), "gtin");
  EXPECT_EQ(json_int(root.get(), "quantity"), 12);
  EXPECT_EQ(gtins(root.get()), std::vector<std::string>{kAppleGtin14});

  root = found_json(kColaEan8);
  ASSERT_TRUE(root);
  EXPECT_EQ(json_string(root.get(), "kind"), "gtin");
  EXPECT_EQ(json_int(root.get(), "quantity"), 1);
  EXPECT_EQ(gtins(root.get()), std::vector<std::string>{"00000096385074"});

  root = found_json(kBread);
  ASSERT_TRUE(root);
  EXPECT_EQ(json_string(root.get(), "kind"), "plain");
  EXPECT_EQ(json_string(root.get(), "matched_by"), "sku");
  EXPECT_EQ(gtins(root.get()), std::vector<std::string>{});
}

TEST_F(CatalogFindTest, UnknownCodeSaysWhatToDo) {
  support::RunResult r = sn({"catalog", "find", "NOPE-9"});
  expect_refused(r, 65, "unknown code 'NOPE-9': not a SKU, barcode or alias in the catalog");
  EXPECT_TRUE(contains(r.err, "`shelfnode alias add CODE SKU`")) << r.err;
  EXPECT_TRUE(contains(r.err, "catalog import FILE.csv")) << r.err;
  // A valid GTIN nobody has.
  expect_refused(sn({"catalog", "find", kSpareEan13, "--json"}), 65,
                 std::string("unknown code '") + kSpareEan13 + "'");
}

TEST_F(CatalogFindTest, BadCheckDigitNamesTheExpectedDigit) {
  expect_refused(sn({"catalog", "find", "4006381333932"}), 65,
                 "check digit of 4006381333932 should be 1, not 2");
  expect_refused(sn({"catalog", "find", "036000291453"}), 65, "should be 2, not 3");
}

TEST_F(CatalogFindTest, AliasFindsItsSku) {
  EXPECT_EQ(ok({"alias", "add", "SHELF-7", kCola}),
            std::string("alias SHELF-7 -> ") + kCola + "\n");
  EXPECT_EQ(found("SHELF-7"), std::string(kCola) + "  Cola 330ml  (by alias)\n");
  JsonPtr root = found_json("SHELF-7");
  ASSERT_TRUE(root);
  EXPECT_EQ(json_string(root.get(), "matched_by"), "alias");
  EXPECT_EQ(json_string(root.get(), "kind"), "plain");
  // A plain alias may be repointed.
  ok({"alias", "add", "SHELF-7", kBread});
  EXPECT_EQ(found("SHELF-7"), std::string(kBread) + "  Bread, brown  (by alias)\n");
}

TEST_F(CatalogFindTest, AliasWithAGtinAnswersToEveryFormOfIt) {
  ok({"alias", "add", kSpareEan13, kBread});
  const std::string want = std::string("0") + kSpareEan13;
  EXPECT_TRUE(starts_with(found(want), std::string(kBread) + "  Bread, brown  (by "))
      << found(want);
}

// An alias whose code is a GTIN is still an alias: no catalog item has that barcode.
TEST_F(CatalogFindTest, GtinAliasIsReportedAsAlias) {
  ok({"alias", "add", kSpareEan13, kBread});
  EXPECT_EQ(found(kSpareEan13), std::string(kBread) + "  Bread, brown  (by alias)\n");
}

// An alias whose code is a GTIN can be re-pointed like any other alias.
TEST_F(CatalogFindTest, GtinAliasCanBeRepointed) {
  ok({"alias", "add", kSpareEan13, kBread});
  support::RunResult r = sn({"alias", "add", kSpareEan13, kCola});
  EXPECT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_TRUE(starts_with(found(kSpareEan13), std::string(kCola) + "  Cola 330ml  (by "));
}

// Importing a barcode an alias already gives to another SKU must not make the code ambiguous:
// the catalog wins over aliases.
TEST_F(CatalogFindTest, ImportNeverMakesAnAliasedBarcodeAmbiguous) {
  ok({"alias", "add", kSpareEan13, kBread});
  support::RunResult imp =
      sn({"catalog", "import",
          write_csv("z.csv", std::string("sku,name,barcode\nZEST-1,Zest,") + kSpareEan13 + "\n")});
  support::RunResult find = sn({"catalog", "find", kSpareEan13});
  EXPECT_EQ(imp.exit_code, 0) << describe(imp);
  EXPECT_EQ(find.exit_code, 0) << describe(find);
  EXPECT_EQ(find.out, "ZEST-1  Zest  (by gtin)\n") << describe(find);
}

TEST_F(CatalogFindTest, AliasForUnknownSkuExits65) {
  expect_refused(sn({"alias", "add", "SHELF-8", "NO-SUCH-SKU"}), 65,
                 "SKU 'NO-SUCH-SKU' is not in the catalog");
  expect_refused(sn({"catalog", "find", "SHELF-8"}), 65, "unknown code 'SHELF-8'");
}

TEST_F(CatalogFindTest, AliasCannotOverrideTheCatalog) {
  // Another SKU's barcode, in any of its forms, or another SKU's SKU.
  for (const std::string& code : {std::string(kAppleEan13), std::string(kAppleGtin14),
                                  std::string("(01)") + kAppleGtin14, std::string(kApple)}) {
    SCOPED_TRACE(code);
    expect_refused(sn({"alias", "add", code, kBread}), 65,
                   "already means SKU '" + std::string(kApple) + "'");
  }
  expect_refused(sn({"alias", "add", kBreadEan13, kCola}), 65,
                 "already means SKU '" + std::string(kBread) + "' (by gtin)");
  EXPECT_EQ(found(kAppleEan13), std::string(kApple) + "  Apple juice 1l  (by gtin)\n");
  // Naming the SKU the code already means is harmless.
  ok({"alias", "add", kAppleEan13, kApple});
  EXPECT_EQ(found(kAppleEan13), std::string(kApple) + "  Apple juice 1l  (by gtin)\n");
}

TEST_F(CatalogFindTest, AliasArgumentErrors) {
  expect_refused(sn({"alias", "add", "ONLY-CODE"}), 64, "missing argument");
  expect_refused(sn({"alias", "add", "a", "b", "c"}), 64, "unexpected argument 'c'");
  expect_refused(sn({"catalog", "find", "a", "b"}), 64, "unexpected argument 'b'");
}

}  // namespace
}  // namespace shelfnode::cli_test
