#include "sync/order_lines.h"

#include <optional>

#include "shelfnode/core/json.h"

namespace shelfnode::sync {
namespace {

const cJSON* child(const cJSON* node, const char* name) {
  return cJSON_IsObject(node) ? cJSON_GetObjectItemCaseSensitive(node, name) : nullptr;
}

std::string text(const cJSON* node, const char* name) {
  const cJSON* v = child(node, name);
  return cJSON_IsString(v) ? v->valuestring : "";
}

// Quantities are int32 numbers in Wix's JSON; a numeric string is read too, since Wix
// serialises its 64-bit integers as strings [R27] and a future field type change should not
// turn a sale into 0. Anything else, a number out of range included, reads as 0, which the
// caller refuses to apply (as it refuses a negative one).
std::int64_t whole_number_or_0(const cJSON* node, const char* name) {
  Result<std::optional<std::int64_t>> v =
      whole_number_at(node, name, -kMaxExactJsonInt, kMaxExactJsonInt, DigitsText::kAccepted);
  return v.ok() ? v->value_or(0) : 0;
}

bool is_store_pickup(const cJSON* order) {
  const cJSON* pickup = child(child(child(order, "shippingInfo"), "logistics"), "pickupDetails");
  if (!cJSON_IsObject(pickup)) return false;
  return text(pickup, "pickupMethod") != "PICKUP_POINT";
}

OrderLine parse_line(const cJSON* item) {
  OrderLine line;
  line.id = text(item, "id");
  const cJSON* ref = child(item, "catalogReference");
  line.app_id = text(ref, "appId");
  line.product_id = text(ref, "catalogItemId");
  line.variant_id = text(child(ref, "options"), "variantId");
  if (line.variant_id.empty()) line.variant_id = kNoVariantId;
  line.sku = text(child(item, "physicalProperties"), "sku");
  line.quantity = whole_number_or_0(item, "quantity");
  line.restock_quantity = whole_number_or_0(item, "restockQuantity");
  return line;
}

}  // namespace

Result<Order> parse_order(const cJSON* node) {
  Order order;
  order.id = text(node, "id");
  if (order.id.empty()) return bad_data("Wix sent an order without an id");
  // `number` is a string in eCom orders; older renderings give a number, read only when it is
  // a whole, exact, non-negative one.
  if (cJSON_IsNumber(child(node, "number"))) {
    Result<std::optional<std::int64_t>> number =
        whole_number_at(node, "number", 0, kMaxExactJsonInt);
    if (!number.ok()) {
      return bad_data("Wix sent order " + order.id + " with " + number.status().message() +
                      ", which is not what Wix sends");
    }
    order.number = std::to_string(number->value_or(0));
  } else {
    order.number = text(node, "number");
  }
  order.status = text(node, "status");
  order.created_date = text(node, "createdDate");
  order.updated_date = text(node, "updatedDate");
  order.store_pickup = is_store_pickup(node);
  const cJSON* items = child(node, "lineItems");
  const cJSON* item = nullptr;
  if (cJSON_IsArray(items)) {
    cJSON_ArrayForEach(item, items) order.lines.push_back(parse_line(item));
  }
  return order;
}

}  // namespace shelfnode::sync
