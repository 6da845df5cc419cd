#include "integration/sync_orders/orders_fixture.h"

namespace shelfnode::sync::testing {
namespace {

using shelfnode::testing::kV1Key;
using shelfnode::testing::kV1Site;

constexpr const char* kPickupNote = "store pickup order (sync.include_pickup_orders is false)";

// `sync.include_pickup_orders` against orders the emulator builds the way Wix does: the
// delivery choice is in shippingInfo.logistics, which holds either a shippingDestination
// or pickupDetails {address, pickupMethod} [SDK:ord]. Only STORE_PICKUP is a pickup for
// stock; a PICKUP_POINT parcel is shipped like any other.
class OrdersPickup : public OrdersEmulatorTest {
 protected:
  void SetUp() override {
    OrdersEmulatorTest::SetUp();
    if (HasFatalFailure()) return;
    connect(kV1Site, kV1Key);
    if (HasFatalFailure()) return;
    stock("OAK-SHELF-60", shop_, 12);
    outbox("OAK-SHELF-60", 12);
  }

  // Checks out `quantity` shelves, collected by `method` ("" = shipped to the buyer), and
  // checks the order carries that delivery choice where the device reads it. The order ID.
  std::string sell(int quantity, const std::string& method) {
    const std::string lines =
        R"([{"sku":"OAK-SHELF-60","quantity":)" + std::to_string(quantity) + "}]";
    JsonPtr order =
        checkout(lines, method.empty() ? std::string() : R"(,"pickup":")" + method + R"(")");
    const cJSON* info = cJSON_GetObjectItemCaseSensitive(order.get(), "shippingInfo");
    const cJSON* logistics = cJSON_GetObjectItemCaseSensitive(info, "logistics");
    const cJSON* pickup = cJSON_GetObjectItemCaseSensitive(logistics, "pickupDetails");
    const cJSON* destination = cJSON_GetObjectItemCaseSensitive(logistics, "shippingDestination");
    if (method.empty()) {
      EXPECT_EQ(pickup, nullptr);
      EXPECT_TRUE(cJSON_IsObject(destination));
    } else {
      EXPECT_EQ(text_of(pickup, "pickupMethod"), method);
      EXPECT_EQ(destination, nullptr);
    }
    return text_of(order.get(), "id");
  }

  // "state|note|sku" of the order's only recorded line; "" when none was recorded.
  std::string line(const std::string& order_id) {
    auto s = db_->prepare(
        "SELECT state || '|' || COALESCE(note, '') || '|' || COALESCE(sku, '')"
        " FROM wix_order_lines WHERE order_id = ?1");
    EXPECT_TRUE(s.ok());
    if (!s.ok()) return "?";
    s->bind(1, order_id);
    auto row = s->step();
    EXPECT_TRUE(row.ok());
    return row.ok() && *row ? s->text_at(0) : "";
  }

  std::int64_t order_movements() {
    return scalar("SELECT COUNT(*) FROM movements WHERE kind = 'order'");
  }
};

TEST_F(OrdersPickup, AStorePickupIsAppliedWhenPickupOrdersAreIncluded) {
  config_.include_pickup_orders = true;
  const std::string order = sell(2, "STORE_PICKUP");
  auto r = pull();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->orders_seen, 1);
  EXPECT_EQ(r->lines_applied, 1);
  EXPECT_EQ(r->lines_skipped, 0);
  EXPECT_EQ(line(order), "applied||OAK-SHELF-60");
  EXPECT_EQ(qty("OAK-SHELF-60", shop_), 10);
  EXPECT_EQ(confirmed("OAK-SHELF-60"), 10);  // Wix took the 2 at checkout
  EXPECT_EQ(order_movements(), 1);
}

TEST_F(OrdersPickup, AStorePickupIsSkippedWithANoteWhenPickupOrdersAreExcluded) {
  config_.include_pickup_orders = false;
  const std::string pickup = sell(2, "STORE_PICKUP");
  const std::string shipped = sell(1, "");
  auto r = pull();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->orders_seen, 2);
  EXPECT_EQ(r->lines_skipped, 1);
  EXPECT_EQ(r->lines_applied, 1);  // the shipped order still counts
  EXPECT_EQ(line(pickup), std::string("skipped|") + kPickupNote + "|OAK-SHELF-60");
  EXPECT_EQ(line(shipped), "applied||OAK-SHELF-60");
  EXPECT_EQ(qty("OAK-SHELF-60", shop_), 11);
  EXPECT_EQ(confirmed("OAK-SHELF-60"), 11);
  EXPECT_EQ(order_movements(), 1);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM movements WHERE reference LIKE '" + pickup + ":%'"), 0);

  // A skipped line is final: switching pickups back on does not apply it later.
  config_.include_pickup_orders = true;
  auto again = pull();
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->lines_applied + again->lines_skipped, 0);
  EXPECT_EQ(line(pickup), std::string("skipped|") + kPickupNote + "|OAK-SHELF-60");
  EXPECT_EQ(qty("OAK-SHELF-60", shop_), 11);
  EXPECT_EQ(order_movements(), 1);
}

TEST_F(OrdersPickup, APickupPointIsAShipmentEitherWay) {
  config_.include_pickup_orders = false;
  const std::string excluded = sell(1, "PICKUP_POINT");
  auto r = pull();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->lines_applied, 1);
  EXPECT_EQ(r->lines_skipped, 0);
  EXPECT_EQ(line(excluded), "applied||OAK-SHELF-60");
  EXPECT_EQ(qty("OAK-SHELF-60", shop_), 11);

  config_.include_pickup_orders = true;
  const std::string included = sell(3, "PICKUP_POINT");
  auto r2 = pull();
  ASSERT_TRUE(r2.ok()) << r2.status().message();
  EXPECT_EQ(r2->lines_applied, 1);
  EXPECT_EQ(line(included), "applied||OAK-SHELF-60");
  EXPECT_EQ(qty("OAK-SHELF-60", shop_), 8);
  EXPECT_EQ(confirmed("OAK-SHELF-60"), 8);
  EXPECT_EQ(order_movements(), 2);
}

}  // namespace
}  // namespace shelfnode::sync::testing
