#include "sync/order_lines.h"

#include <gtest/gtest.h>

#include "shelfnode/core/json.h"
#include "unit/sync_orders/recorded_orders.h"

namespace shelfnode::sync {
namespace {

Order parsed(const char* text) {
  JsonPtr json = parse_json(text);
  EXPECT_NE(json, nullptr) << text;
  Result<Order> order = parse_order(json.get());
  EXPECT_TRUE(order.ok()) << order.status().message();
  return order.ok() ? *order : Order{};
}

TEST(OrderLines, V1ManagedVariantUsesTheVariantIdOfTheOptions) {
  Order o = parsed(recorded::kV1ManagedVariant);
  EXPECT_EQ(o.id, "67668940-527d-4465-94c6-5475d8c7a412");
  EXPECT_EQ(o.number, "10124");
  EXPECT_EQ(o.status, "APPROVED");
  EXPECT_EQ(o.created_date, "2026-11-20T13:42:13.136Z");
  EXPECT_EQ(o.updated_date, "2026-11-20T14:58:11.663Z");
  EXPECT_FALSE(o.store_pickup);
  ASSERT_EQ(o.lines.size(), 1u);
  const OrderLine& l = o.lines[0];
  EXPECT_EQ(l.id, "00000000-0000-0000-0000-000000000001");
  EXPECT_TRUE(l.stores_item());
  EXPECT_EQ(l.product_id, "0614129c-8777-9f3b-4dfe-b80a54df10d5");
  EXPECT_EQ(l.variant_id, "00000000-0000-003f-0005-a316f7c67df7");
  EXPECT_EQ(l.sku, "COFFEE-BR-500");
  EXPECT_EQ(l.quantity, 2);
  EXPECT_EQ(l.restock_quantity, 0);
}

TEST(OrderLines, V1ProductWithoutManagedVariantsIsTheAllZeroVariant) {
  Order o = parsed(recorded::kV1WithoutVariants);
  ASSERT_EQ(o.lines.size(), 2u);
  EXPECT_EQ(o.lines[0].variant_id, kNoVariantId);  // options: {}
  EXPECT_EQ(o.lines[0].product_id, "0ff4e579-ebac-4ebb-b18b-92c474f92676");
  EXPECT_EQ(o.lines[0].sku, "OAK-SHELF-60");
  EXPECT_EQ(o.lines[1].variant_id, kNoVariantId);  // options: {options: {Glaze: Blue}}
  EXPECT_EQ(o.lines[1].quantity, 3);
  EXPECT_EQ(o.number, "10125");
}

TEST(OrderLines, V3LineNamesItsVariantAndCarriesTheRestock) {
  Order o = parsed(recorded::kV3Canceled);
  EXPECT_EQ(o.status, "CANCELED");
  EXPECT_EQ(o.number, "20017");  // a number in some renderings
  ASSERT_EQ(o.lines.size(), 1u);
  EXPECT_EQ(o.lines[0].variant_id, "d735b0af-06b5-4a6f-b0af-ddfc763560d2");
  EXPECT_EQ(o.lines[0].quantity, 4);
  EXPECT_EQ(o.lines[0].restock_quantity, 3);
}

TEST(OrderLines, OtherAppsCustomItemsAndMissingSkus) {
  Order o = parsed(recorded::kMixedApps);
  ASSERT_EQ(o.lines.size(), 3u);
  EXPECT_FALSE(o.lines[0].stores_item());
  EXPECT_EQ(o.lines[0].sku, "BOOKING-1");
  EXPECT_FALSE(o.lines[1].stores_item());  // custom item: no catalog reference
  EXPECT_EQ(o.lines[1].product_id, "");
  EXPECT_EQ(o.lines[1].sku, "");
  EXPECT_TRUE(o.lines[2].stores_item());
  EXPECT_EQ(o.lines[2].sku, "");      // no physicalProperties
  EXPECT_EQ(o.lines[2].quantity, 2);  // sent as a string
  EXPECT_EQ(o.number, "");
}

TEST(OrderLines, StorePickupIsRecognised) {
  EXPECT_TRUE(parsed(recorded::kStorePickup).store_pickup);
}

TEST(OrderLines, APickupPointIsAShipment) {
  EXPECT_FALSE(parsed(recorded::kPickupPoint).store_pickup);
}

TEST(OrderLines, PickupWithoutAMethodCountsAsStorePickup) {
  EXPECT_TRUE(
      parsed(R"({"id":"x","shippingInfo":{"logistics":{"pickupDetails":{}}}})").store_pickup);
  EXPECT_FALSE(
      parsed(R"({"id":"x","shippingInfo":{"logistics":{"pickupDetails":null}}})").store_pickup);
}

TEST(OrderLines, BadQuantitiesReadAsZero) {
  Order o = parsed(R"({"id":"x","lineItems":[{"id":"a","quantity":1.5},{"id":"b"},
      {"id":"c","quantity":"7x"},{"id":"d","quantity":true},{"id":"e","quantity":-2}]})");
  ASSERT_EQ(o.lines.size(), 5u);
  EXPECT_EQ(o.lines[0].quantity, 0);
  EXPECT_EQ(o.lines[1].quantity, 0);
  EXPECT_EQ(o.lines[2].quantity, 0);
  EXPECT_EQ(o.lines[3].quantity, 0);
  EXPECT_EQ(o.lines[4].quantity, -2);  // refused later, by range
}

TEST(OrderLines, AnOrderWithoutAnIdIsRefused) {
  JsonPtr json = parse_json(R"({"status":"APPROVED","lineItems":[]})");
  Result<Order> o = parse_order(json.get());
  ASSERT_FALSE(o.ok());
  EXPECT_EQ(o.status().code(), Code::kBadData);
  EXPECT_FALSE(parse_order(nullptr).ok());
  JsonPtr not_object = parse_json("[1]");
  EXPECT_FALSE(parse_order(not_object.get()).ok());
}

// `number` is text in eCom orders; a number is read only when whole, exact and not negative.
TEST(OrderLines, AnOrderNumberOutOfRangeIsRefusedNotCast) {
  for (const char* number : {"1e300", "-1e300", "1e400", "9007199254740993", "1.5", "-3"}) {
    const std::string text = std::string(R"({"id":"x","number":)") + number + "}";
    JsonPtr json = parse_json(text);
    ASSERT_NE(json, nullptr) << text;
    Result<Order> o = parse_order(json.get());
    ASSERT_FALSE(o.ok()) << number;
    EXPECT_EQ(o.status().code(), Code::kBadData);
    EXPECT_NE(o.status().message().find("number"), std::string::npos) << o.status().message();
  }
  EXPECT_EQ(parsed(R"({"id":"x","number":10042})").number, "10042");
  EXPECT_EQ(parsed(R"({"id":"x","number":9007199254740991})").number, "9007199254740991");
  EXPECT_EQ(parsed(R"({"id":"x","number":"10043"})").number, "10043");
  EXPECT_EQ(parsed(R"({"id":"x"})").number, "");
}

TEST(OrderLines, QuantitiesOutOfRangeReadAsZero) {
  Order o = parsed(R"({"id":"x","lineItems":[{"id":"a","quantity":1e300},
      {"id":"b","quantity":1e400},{"id":"c","quantity":9007199254740993},
      {"id":"d","quantity":"99999999999999999999"},{"id":"e","quantity":"3"},
      {"id":"f","quantity":2,"restockQuantity":-1e300}]})");
  ASSERT_EQ(o.lines.size(), 6u);
  EXPECT_EQ(o.lines[0].quantity, 0);
  EXPECT_EQ(o.lines[1].quantity, 0);
  EXPECT_EQ(o.lines[2].quantity, 0);
  EXPECT_EQ(o.lines[3].quantity, 0);
  EXPECT_EQ(o.lines[4].quantity, 3);
  EXPECT_EQ(o.lines[5].quantity, 2);
  EXPECT_EQ(o.lines[5].restock_quantity, 0);
}

TEST(OrderLines, WrongTypesDoNotCrash) {
  Order o = parsed(R"({"id":"x","status":7,"lineItems":{"id":"a"},"shippingInfo":"pickup"})");
  EXPECT_EQ(o.status, "");
  EXPECT_TRUE(o.lines.empty());
  EXPECT_FALSE(o.store_pickup);
  Order p = parsed(R"({"id":"x","lineItems":[null, 3, {"catalogReference":"x"}]})");
  ASSERT_EQ(p.lines.size(), 3u);
  EXPECT_EQ(p.lines[2].variant_id, kNoVariantId);
  EXPECT_EQ(p.lines[2].id, "");
}

}  // namespace
}  // namespace shelfnode::sync
