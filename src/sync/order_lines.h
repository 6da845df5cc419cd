#pragma once

#include <cjson/cJSON.h>

#include <cstdint>
#include <string>
#include <vector>

#include "shelfnode/core/result.h"

namespace shelfnode::sync {

// Wix Stores' own app ID: only its lines are catalog products [R42].
inline constexpr const char* kStoresAppId = "215238eb-22a5-4c36-9e7b-e7c08025e04e";
// The variant of a V1 product without managed variants [R20][R21].
inline constexpr const char* kNoVariantId = "00000000-0000-0000-0000-000000000000";

// One line of an eCom order, reduced to what stock needs [SDK:ord].
struct OrderLine {
  std::string id;
  std::string app_id;      // catalogReference.appId
  std::string product_id;  // catalogReference.catalogItemId
  // options.variantId (V1 managed variants, every V3 item); the all-zero ID otherwise, since a
  // V1 product without managed variants has exactly that one variant [R42][R43].
  std::string variant_id;
  std::string sku;  // physicalProperties.sku as sold; "" when absent
  std::int64_t quantity = 0;
  std::int64_t restock_quantity = 0;  // what Wix put back into stock (cancel / refund)

  bool stores_item() const { return app_id == kStoresAppId; }
};

// One eCom order, reduced to what stock needs.
struct Order {
  std::string id;
  std::string number;
  std::string status;  // APPROVED, CANCELED, PENDING, REJECTED, ...
  std::string created_date;
  std::string updated_date;
  // The buyer collects it from the shop (shippingInfo.logistics.pickupDetails, method
  // STORE_PICKUP or unknown). A PICKUP_POINT order is shipped to a carrier's pickup point,
  // which for stock is an ordinary shipment [SDK:ord].
  bool store_pickup = false;
  std::vector<OrderLine> lines;
};

// Reads one element of a search answer's `orders`. Fields may be missing or of the wrong
// type (they then read as empty/0); only an order without an `id` is refused, since nothing
// about it could be recorded.
Result<Order> parse_order(const cJSON* order);

}  // namespace shelfnode::sync
