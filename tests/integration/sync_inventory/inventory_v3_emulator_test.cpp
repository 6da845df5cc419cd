#include <map>

#include "integration/sync_inventory/inventory_emulator.h"
#include "support/wix_emulator.h"

namespace shelfnode::sync::testing {
namespace {

using wix::Outcome;

constexpr const char* kDecrementPath = "/stores/v3/bulk/inventory-items/decrement";
constexpr const char* kMainWarehouse = "d60551ad-bea6-4ed2-b693-1212dca8519f";

class V3InventoryEmulator : public InventoryEmulatorTest {
 protected:
  void SetUp() override {
    InventoryEmulatorTest::SetUp();
    ASSERT_NO_FATAL_FAILURE(open(shelfnode::testing::kV3Site, shelfnode::testing::kV3Key));
    inventory_ = make_v3_inventory(api(), kMainWarehouse);
  }
  DeltaEntry delta(const std::string& sku, std::int64_t amount) const {
    return {variant(sku), item_field(sku, "inventoryItemId"), amount};
  }
  SetEntry set_entry(const std::string& sku, std::int64_t quantity) const {
    return {variant(sku), item_field(sku, "inventoryItemId"), item_field(sku, "revision"),
            quantity};
  }
  std::unique_ptr<InventoryApi> inventory_;
};

TEST_F(V3InventoryEmulator, ReadMatchesTheDefaultLocationItems) {
  const std::vector<std::string> skus = {"ROPE-10M",  "JACKET-S",    "JACKET-L",  "STICKERS",
                                         "FLAGS-SET", "COMPASS-OLD", "CLEAT-TEAK"};
  std::vector<WixVariant> wanted;
  for (const std::string& sku : skus) wanted.push_back(variant(sku));
  auto got = inventory_->read(wanted);
  ASSERT_TRUE(got.ok()) << got.status().message();
  ASSERT_EQ(got->size(), skus.size());
  EXPECT_EQ(inventory_->calls(), 1);
  JsonPtr t = truth();
  for (std::size_t i = 0; i < skus.size(); ++i) {
    SCOPED_TRACE(skus[i]);
    const WixStock& s = (*got)[i];
    const cJSON* r = row(t.get(), skus[i]);
    EXPECT_EQ(s.variant.sku, skus[i]);
    EXPECT_EQ(s.found, !text_of(r, "inventoryItemId").empty());
    if (!s.found) continue;
    EXPECT_EQ(s.inventory_item_id, text_of(r, "inventoryItemId"));
    EXPECT_EQ(s.revision, text_of(r, "revision"));
    EXPECT_EQ(s.tracked, cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "trackQuantity")));
    if (s.tracked) {
      EXPECT_EQ(s.quantity, static_cast<std::int64_t>(number_of(r, "quantity")));
    }
  }
  EXPECT_EQ((*got)[0].quantity, 20);  // the default location's, not the back room's 4
  EXPECT_FALSE((*got)[3].tracked);    // stickers: inStock only
  EXPECT_FALSE((*got)[4].found);      // flag set: no inventory item yet
}

TEST_F(V3InventoryEmulator, WithoutALocationTheStoresDefaultIsUsed) {
  auto inventory = make_v3_inventory(api());
  auto got = inventory->read({variant("ROPE-10M")});
  ASSERT_TRUE(got.ok()) << got.status().message();
  EXPECT_EQ((*got)[0].quantity, 20);
  EXPECT_EQ(inventory->calls(), 2);
  EXPECT_EQ(requests_to("/stores/v3/locations/query"), 1);
}

TEST_F(V3InventoryEmulator, ReadAllReturnsEveryDefaultLocationItem) {
  std::map<std::string, WixStock> seen;
  Status s = inventory_->read_all([&](const std::vector<WixStock>& page) {
    for (const WixStock& w : page) seen[w.inventory_item_id] = w;
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.message();
  JsonPtr t = truth();
  int at_default = 0;
  const cJSON* item = nullptr;
  cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(t.get(), "items")) {
    if (!cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(item, "defaultLocation"))) continue;
    ++at_default;
    auto it = seen.find(text_of(item, "inventoryItemId"));
    ASSERT_NE(it, seen.end()) << text_of(item, "sku");
    EXPECT_EQ(it->second.variant.sku, text_of(item, "sku"));
  }
  EXPECT_EQ(static_cast<int>(seen.size()), at_default);
  EXPECT_EQ(seen[item_field("ROPE-10M", "inventoryItemId")].quantity, 20);
}

TEST_F(V3InventoryEmulator, IncrementDecrementAndSetLandExactlyOnce) {
  auto inc = inventory_->increment({delta("ROPE-10M", 5)});
  ASSERT_EQ(inc[0].outcome, Outcome::kSuccess) << inc[0].error.code;
  auto dec = inventory_->decrement({delta("JACKET-S", 2)});
  ASSERT_EQ(dec[0].outcome, Outcome::kSuccess) << dec[0].error.code;
  auto set = inventory_->set({set_entry("JACKET-M", 6), set_entry("JACKET-L", 2)});
  for (const EntryOutcome& o : set) EXPECT_EQ(o.outcome, Outcome::kSuccess) << o.error.code;
  EXPECT_EQ(inventory_->calls(), 3);

  EXPECT_EQ(quantity("ROPE-10M"), 25);
  EXPECT_EQ(quantity("JACKET-S"), 1);
  EXPECT_EQ(quantity("JACKET-M"), 6);
  EXPECT_EQ(quantity("JACKET-L"), 2);
  JsonPtr w = writes();
  ASSERT_EQ(count(w.get(), "writes"), 4);
  const cJSON* first = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(w.get(), "writes"), 0);
  EXPECT_EQ(text_of(first, "kind"), "inc");
  EXPECT_EQ(text_of(first, "locationId"), kMainWarehouse);  // never the back room
  EXPECT_EQ(number_of(first, "before"), 20);
  EXPECT_EQ(number_of(first, "after"), 25);
}

TEST_F(V3InventoryEmulator, DecrementBelowStockIsRefusedForThatItemAlone) {
  auto out = inventory_->decrement({delta("JACKET-L", 1), delta("JACKET-S", 1)});
  EXPECT_EQ(out[0].outcome, Outcome::kRejected);
  EXPECT_EQ(out[0].error.code, "INSUFFICIENT_INVENTORY");
  EXPECT_EQ(out[1].outcome, Outcome::kSuccess);
  EXPECT_EQ(quantity("JACKET-L"), 0);  // not driven negative
  EXPECT_EQ(quantity("JACKET-S"), 2);
  JsonPtr w = writes();
  EXPECT_EQ(count(w.get(), "writes"), 1);
}

TEST_F(V3InventoryEmulator, SetWithAStaleRevisionIsRefused) {
  SetEntry stale = set_entry("ROPE-10M", 7);
  auto online = inventory_->decrement({delta("ROPE-10M", 1)});  // moves the revision on
  ASSERT_EQ(online[0].outcome, Outcome::kSuccess);
  auto out = inventory_->set({stale, set_entry("JACKET-S", 9)});
  EXPECT_EQ(out[0].outcome, Outcome::kRejected);
  EXPECT_EQ(out[0].error.code, "REVISION_MISMATCH");
  EXPECT_EQ(out[1].outcome, Outcome::kSuccess);
  EXPECT_EQ(quantity("ROPE-10M"), 19);
  EXPECT_EQ(quantity("JACKET-S"), 9);
}

TEST_F(V3InventoryEmulator, AnUntrackedItemRefusesDeltas) {
  auto out = inventory_->increment({delta("STICKERS", 1)});
  EXPECT_EQ(out[0].outcome, Outcome::kRejected);
  EXPECT_EQ(out[0].error.code, "INVENTORY_QUANTITY_NOT_TRACKED");
  JsonPtr w = writes();
  EXPECT_EQ(count(w.get(), "writes"), 0);
}

TEST_F(V3InventoryEmulator, AnAnswerLostAfterTheDecrementIsUncertainAndNotResent) {
  inject(std::string(R"({"kind":"drop_after_apply","path":")") + kDecrementPath + R"("})");
  auto out = inventory_->decrement({delta("ROPE-10M", 3)});
  EXPECT_EQ(out[0].outcome, Outcome::kUncertain);
  EXPECT_EQ(requests_to(kDecrementPath), 1);
  JsonPtr w = writes();
  ASSERT_EQ(count(w.get(), "writes"), 1);
  EXPECT_EQ(quantity("ROPE-10M"), 17);
}

TEST_F(V3InventoryEmulator, AServiceUnavailableIsRetriedAndLandsOnce) {
  inject(std::string(R"({"kind":"503","path":")") + kDecrementPath + R"("})");
  auto out = inventory_->decrement({delta("ROPE-10M", 3)});
  EXPECT_EQ(out[0].outcome, Outcome::kSuccess) << out[0].error.description;
  EXPECT_EQ(requests_to(kDecrementPath), 2);
  EXPECT_EQ(inventory_->calls(), 2);
  JsonPtr w = writes();
  EXPECT_EQ(count(w.get(), "writes"), 1);
  EXPECT_EQ(quantity("ROPE-10M"), 17);
}

}  // namespace
}  // namespace shelfnode::sync::testing
