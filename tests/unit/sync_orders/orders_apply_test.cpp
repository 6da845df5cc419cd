#include "unit/sync_orders/pull_fixture.h"

namespace shelfnode::sync::testing {
namespace {

// What becomes of each kind of order line.

TEST_F(OrdersPullTest, AManagedVariantIsSoldFromTheFulfilmentWarehouseUnderItsCatalogSku) {
  catalog("COFFEE-500", "0614129c-8777-9f3b-4dfe-b80a54df10d5",
          "00000000-0000-003f-0005-a316f7c67df7");
  stock("COFFEE-500", shop_, 10);
  outbox("COFFEE-500", 10);
  answer(recorded::kV1ManagedVariant);
  auto r = pull();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->orders_seen, 1);
  EXPECT_EQ(r->lines_applied, 1);
  EXPECT_EQ(qty("COFFEE-500", shop_), 8);
  EXPECT_EQ(confirmed("COFFEE-500"), 8);  // Wix took the sale itself
  EXPECT_EQ(line("67668940-527d-4465-94c6-5475d8c7a412", "00000000-0000-0000-0000-000000000001"),
            "applied||COFFEE-500");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM movements WHERE kind = 'order' AND reference = "
                   "'67668940-527d-4465-94c6-5475d8c7a412:00000000-0000-0000-0000-000000000001'"
                   " AND delta = -2 AND source = 'wix:order'"),
            1);
  EXPECT_EQ(r->cursor, "2026-11-20T14:58:11.663Z");
  EXPECT_EQ(*store::get_meta(*db_, kOrdersCursorKey).value(), "2026-11-20T14:58:11.663Z");
}

TEST_F(OrdersPullTest, WithoutACatalogEntryTheSkuOnTheLineIsUsed) {
  stock("OAK-SHELF-60", shop_, 5);
  stock("MUG-HT", shop_, 5);
  answer(recorded::kV1WithoutVariants);
  auto r = pull();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->lines_applied, 2);
  EXPECT_EQ(qty("OAK-SHELF-60", shop_), 4);
  EXPECT_EQ(qty("MUG-HT", shop_), 2);
}

TEST_F(OrdersPullTest, TheConfiguredFulfilmentWarehouseIsUsed) {
  ASSERT_TRUE(ledger::set_mapped(*db_, "back", true).ok());
  config_.fulfilment_warehouse = "back";
  stock("OAK-SHELF-60", shop_, 5);
  answer(recorded::kV1WithoutVariants);
  ASSERT_TRUE(pull().ok());
  EXPECT_EQ(qty("OAK-SHELF-60", shop_), 5);
  EXPECT_EQ(qty("OAK-SHELF-60", back_), -1);
}

TEST_F(OrdersPullTest, UnmanagedSkusAreRecordedButLeftAlone) {
  stock("OAK-SHELF-60", back_, 5);  // only in an unmapped warehouse: not managed
  answer(recorded::kV1WithoutVariants);
  auto r = pull();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->lines_applied, 0);
  EXPECT_EQ(r->lines_skipped, 2);
  EXPECT_EQ(qty("OAK-SHELF-60", back_), 5);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM movements"), 1);
  EXPECT_EQ(line("7a1b0c55-3e0d-4f7a-9b1e-2c6f3d8e9a01", "11111111-1111-4111-8111-111111111111"),
            "skipped|SKU not managed here (no stock in a mapped warehouse)|OAK-SHELF-60");
  // Counting it later does not bring the old sale back.
  stock("OAK-SHELF-60", shop_, 3);
  answer(recorded::kV1WithoutVariants);
  auto again = pull();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->lines_applied, 0);
  EXPECT_EQ(again->lines_skipped, 0);
  EXPECT_EQ(qty("OAK-SHELF-60", shop_), 3);
}

TEST_F(OrdersPullTest, OtherAppsCustomItemsAndLinesWithoutSkuAreSkippedWithAReason) {
  stock("BOOKING-1", shop_, 5);
  answer(recorded::kMixedApps);
  auto r = pull();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->lines_skipped, 3);
  const std::string order = "c9d8e7f6-a5b4-4c3d-8e2f-1a0b9c8d7e6f";
  EXPECT_EQ(line(order, "44444444-4444-4444-8444-444444444444"),
            "skipped|not a Wix Stores item|BOOKING-1");
  EXPECT_EQ(line(order, "55555555-5555-4555-8555-555555555555"), "skipped|not a Wix Stores item|");
  EXPECT_EQ(line(order, "66666666-6666-4666-8666-666666666666"),
            "skipped|no SKU in Wix for this item|");
  EXPECT_EQ(qty("BOOKING-1", shop_), 5);
}

TEST_F(OrdersPullTest, StorePickupOrdersAreSkippedWhenSwitchedOff) {
  config_.include_pickup_orders = false;
  stock("OAK-SHELF-60", shop_, 5);
  answer(std::string(recorded::kStorePickup) + "," + recorded::kPickupPoint);
  auto r = pull();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->lines_skipped, 1);
  EXPECT_EQ(r->lines_applied, 1);  // the pickup point is a shipment
  EXPECT_EQ(line("d0e1f2a3-b4c5-4d6e-8f70-8192a3b4c5d6", "77777777-7777-4777-8777-777777777777"),
            "skipped|store pickup order (sync.include_pickup_orders is false)|OAK-SHELF-60");
  EXPECT_EQ(qty("OAK-SHELF-60", shop_), 4);
}

TEST_F(OrdersPullTest, StorePickupOrdersCountByDefault) {
  stock("OAK-SHELF-60", shop_, 5);
  answer(std::string(recorded::kStorePickup) + "," + recorded::kPickupPoint);
  auto r = pull();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->lines_applied, 2);
  EXPECT_EQ(qty("OAK-SHELF-60", shop_), 3);
}

TEST_F(OrdersPullTest, OrdersPlacedBeforeTheDeviceWasConnectedAreNeverApplied) {
  ASSERT_TRUE(store::set_meta(*db_, kConnectedAtKey, "2026-11-21T10:00:00.000Z").ok());
  stock("OAK-SHELF-60", shop_, 5);
  stock("COFFEE-BR-500", shop_, 5);
  // Placed on the 20th, fulfilled (updated) after the device was connected.
  answer(replaced(recorded::kV1ManagedVariant, "2026-11-20T14:58:11.663Z",
                  "2026-11-22T08:00:00.000Z") +
         "," + recorded::kStorePickup);
  auto r = pull();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->lines_skipped, 1);
  EXPECT_EQ(r->lines_applied, 1);
  EXPECT_EQ(qty("COFFEE-BR-500", shop_), 5);
  EXPECT_EQ(line("67668940-527d-4465-94c6-5475d8c7a412", "00000000-0000-0000-0000-000000000001"),
            "skipped|placed before this device was connected|COFFEE-BR-500");
}

// A V3 line names its variant by catalogItemId (the product) and options.variantId [R43];
// the variant ID alone may be shared by another product [SDK:rov3], so the SKU is the one
// of this product's variant, never the other's.
TEST_F(OrdersPullTest, AV3LineIsTheVariantOfItsOwnProductWhenAVariantIdIsShared) {
  catalog("JACKET-OTHER", "0a0a0a0a-0000-4000-8000-00000000000a",
          "d735b0af-06b5-4a6f-b0af-ddfc763560d2");
  catalog("JACKET-M-WIX", "1e0e5e5b-67d2-4364-848c-613060ae7f04",
          "d735b0af-06b5-4a6f-b0af-ddfc763560d2");
  stock("JACKET-OTHER", shop_, 10);
  stock("JACKET-M-WIX", shop_, 10);
  answer(replaced(recorded::kV3Canceled, R"("status": "CANCELED")", R"("status": "APPROVED")"));
  auto r = pull();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->lines_applied, 1);
  EXPECT_EQ(qty("JACKET-M-WIX", shop_), 6);
  EXPECT_EQ(qty("JACKET-OTHER", shop_), 10);
  EXPECT_EQ(line("b1f2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c99", "33333333-3333-4333-8333-333333333333"),
            "applied||JACKET-M-WIX");
}

TEST_F(OrdersPullTest, ACancellationReversesOnceAndConfirmedRisesByTheRestockOnly) {
  stock("JACKET-M", shop_, 10);
  outbox("JACKET-M", 10);
  const std::string approved = replaced(
      replaced(recorded::kV3Canceled, R"("status": "CANCELED")", R"("status": "APPROVED")"),
      R"("restockQuantity": 3)", R"("restockQuantity": 0)");
  answer(approved);
  ASSERT_TRUE(pull().ok());
  EXPECT_EQ(qty("JACKET-M", shop_), 6);
  EXPECT_EQ(confirmed("JACKET-M"), 6);

  answer(recorded::kV3Canceled);
  auto r = pull();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->lines_reversed, 1);
  EXPECT_EQ(qty("JACKET-M", shop_), 10);
  EXPECT_EQ(confirmed("JACKET-M"), 9);  // Wix restocked 3 of the 4
  EXPECT_EQ(line("b1f2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c99", "33333333-3333-4333-8333-333333333333"),
            "reversed||JACKET-M");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM movements WHERE kind = 'order_cancel' AND delta = 4 AND"
                   " reference LIKE '%:cancel'"),
            1);

  answer(recorded::kV3Canceled);
  answer(approved);  // an old page replayed: nothing happens either
  for (int i = 0; i < 2; ++i) {
    auto again = pull();
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->lines_reversed + again->lines_applied + again->lines_skipped, 0);
  }
  EXPECT_EQ(qty("JACKET-M", shop_), 10);
  EXPECT_EQ(confirmed("JACKET-M"), 9);
}

TEST_F(OrdersPullTest, AnOrderFirstSeenCanceledHasNothingToReverse) {
  stock("JACKET-M", shop_, 10);
  outbox("JACKET-M", 10);
  answer(recorded::kV3Canceled);
  auto r = pull();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->lines_skipped, 1);
  EXPECT_EQ(qty("JACKET-M", shop_), 10);
  EXPECT_EQ(confirmed("JACKET-M"), 10);
  EXPECT_EQ(line("b1f2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c99", "33333333-3333-4333-8333-333333333333"),
            "skipped|canceled before this device saw it|JACKET-M");
}

TEST_F(OrdersPullTest, OrdersInOtherStatusesAreIgnoredAndNotRecorded) {
  stock("OAK-SHELF-60", shop_, 5);
  answer(replaced(recorded::kStorePickup, R"("status": "APPROVED")", R"("status": "PENDING")"));
  auto r = pull();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->orders_seen, 1);
  EXPECT_EQ(r->orders_ignored, 1);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM wix_order_lines"), 0);
  EXPECT_EQ(r->cursor, "2026-11-23T12:05:00.000Z");  // still seen
}

TEST_F(OrdersPullTest, AQuantityBeyondTheLedgersBoundIsSkipped) {
  stock("OAK-SHELF-60", shop_, 5);
  answer(replaced(recorded::kStorePickup, R"("quantity": 1)", R"("quantity": 100000)"));
  auto r = pull();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->lines_skipped, 1);
  EXPECT_EQ(line("d0e1f2a3-b4c5-4d6e-8f70-8192a3b4c5d6", "77777777-7777-4777-8777-777777777777"),
            "skipped|quantity 100000 is outside 1-99999|OAK-SHELF-60");
}

}  // namespace
}  // namespace shelfnode::sync::testing
