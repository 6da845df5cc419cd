// A SKU that Wix has on two variants (the fixture's GLOVE-STD, "Black" and "Grey"): booked on
// the device like any other (the shelf is the truth), never pushed, and said so at every
// step: `catalog find`, the command line, a scan session, `sync` and `stock`. Every view
// names the same product.
#include <set>

#include "integration/sync_cli/sync_cli_fixture.h"

namespace shelfnode::sync_cli_test {
namespace {

constexpr const char* kShared = "GLOVE-STD";
constexpr const char* kNotPushed = "is on 2 Wix variants, so it is booked here but not pushed";

using DuplicateSkuTest = SyncCliTest;

TEST_F(DuplicateSkuTest, IsBookedNeverPushedAndSaidSoAtEveryStep) {
  ASSERT_NO_FATAL_FAILURE(connect_device(support::kV1Site, support::kV1Key));

  const support::RunResult find = sn({"catalog", "find", kShared});
  ASSERT_EQ(find.exit_code, 0) << describe(find);
  EXPECT_TRUE(contains(find.out, std::string("note: SKU ") + kShared + " " + kNotPushed))
      << find.out;
  JsonPtr found = parse_json(sn({"catalog", "find", kShared, "--json"}).out);
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(int_of(found.get(), "wix_variants"), 2);
  EXPECT_FALSE(cJSON_IsTrue(member(found.get(), "pushed_to_wix")));

  const support::RunResult receive = sn({"receive", kShared, "5", "--warehouse", "shop"});
  EXPECT_EQ(receive.exit_code, 0) << describe(receive);
  EXPECT_TRUE(contains(receive.err, kNotPushed)) << receive.err;

  const support::RunResult scan =
      sn({"scan", "--warehouse", "shop", "--mode", "sell"}, std::string(kShared) + "\n");
  EXPECT_EQ(scan.exit_code, 0) << describe(scan);
  EXPECT_EQ(scan.out.substr(0, 3), "OK ") << "the scan is acknowledged: " << scan.out;
  EXPECT_TRUE(contains(scan.err, "scan.not_pushed")) << scan.err;

  const SyncRun run = sync();
  EXPECT_TRUE(contains(run.result.out, "SKU is on 2 Wix variants")) << run.result.out;

  JsonPtr stock = parse_json(sn({"stock", kShared, "--json"}).out);
  ASSERT_NE(stock, nullptr);
  const cJSON* entry = cJSON_GetArrayItem(member(stock.get(), "skus"), 0);
  EXPECT_EQ(text_of(entry, "sync"), "parked");
  EXPECT_EQ(text_of(entry, "name"), text_of(found.get(), "name"))
      << "`stock` and `catalog find` name the same product";
  // Both variants keep Wix's own figures: nothing was written to either.
  JsonPtr inventory = admin_json("GET", std::string("/_emulator/inventory?site=") + support::kV1Site);
  std::multiset<std::int64_t> quantities;
  const cJSON* item = nullptr;
  cJSON_ArrayForEach(item, member(inventory.get(), "items")) {
    if (text_of(item, "sku") == kShared) quantities.insert(int_of(item, "quantity"));
  }
  EXPECT_EQ(quantities, (std::multiset<std::int64_t>{4, 7}));
}

}  // namespace
}  // namespace shelfnode::sync_cli_test
