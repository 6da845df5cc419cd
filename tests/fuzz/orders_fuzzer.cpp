// eCom order search answers through parse_order (src/sync/order_lines.cpp), and Wix
// timestamps through both readers of them (sync's parse_utc_ms, pull's normalise_wix_time).
// Invariants: an order is refused only for lacking an id; every line of `lineItems` becomes
// one OrderLine with a variant ID; a quantity is the JSON's whole number or 0, never a guess;
// a timestamp read, written in our fixed form and read again is the same instant, and the two
// readers agree wherever both accept a text.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>

#include "fuzz_check.h"
#include "shelfnode/core/clock.h"
#include "shelfnode/core/json.h"
#include "shelfnode/pull/catalog_page.h"
#include "sync/order_lines.h"
#include "sync/orders_cursor.h"

namespace shelfnode::fuzz {
namespace {

const cJSON* child(const cJSON* node, const char* name) {
  return cJSON_IsObject(node) ? cJSON_GetObjectItemCaseSensitive(node, name) : nullptr;
}

// What a quantity field may read as: its whole number, or 0 when it is not one.
bool quantity_fits(const cJSON* item, const char* name, std::int64_t got) {
  const cJSON* v = child(item, name);
  if (got == 0) return true;
  if (cJSON_IsNumber(v)) return static_cast<double>(got) == v->valuedouble;
  if (cJSON_IsString(v)) {
    char* end = nullptr;
    return std::strtoll(v->valuestring, &end, 10) == got && *end == '\0';
  }
  return false;
}

void check_order(const cJSON* node) {
  Result<sync::Order> order = sync::parse_order(node);
  const cJSON* id = child(node, "id");
  const bool has_id = cJSON_IsString(id) && id->valuestring[0] != '\0';
  // A display number sent as a number must be a whole number 0..2^53-1, or the order is
  // refused rather than cast (core/json.h whole_number).
  const cJSON* number = child(node, "number");
  const bool number_ok = !cJSON_IsNumber(number) ||
                         (number->valuedouble >= 0 && number->valuedouble <= 9007199254740991.0 &&
                          std::floor(number->valuedouble) == number->valuedouble);
  FUZZ_CHECK(order.ok() == (has_id && number_ok));
  if (!order.ok()) {
    FUZZ_CHECK(order.status().code() == Code::kBadData);
    FUZZ_CHECK_MESSAGE(order.status());
    return;
  }
  FUZZ_CHECK(order->id == id->valuestring);
  const cJSON* items = child(node, "lineItems");
  const int n = cJSON_IsArray(items) ? cJSON_GetArraySize(items) : 0;
  FUZZ_CHECK(order->lines.size() == static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    const sync::OrderLine& line = order->lines[static_cast<std::size_t>(i)];
    const cJSON* item = cJSON_GetArrayItem(items, i);
    FUZZ_CHECK(!line.variant_id.empty());
    FUZZ_CHECK(quantity_fits(item, "quantity", line.quantity));
    FUZZ_CHECK(quantity_fits(item, "restockQuantity", line.restock_quantity));
    FUZZ_CHECK(line.stores_item() == (line.app_id == sync::kStoresAppId));
  }
  const cJSON* pickup = child(child(child(node, "shippingInfo"), "logistics"), "pickupDetails");
  if (!cJSON_IsObject(pickup)) FUZZ_CHECK(!order->store_pickup);
}

void check_time(std::string_view text) {
  const std::optional<std::int64_t> ms = parse_utc_ms(text);
  const std::string nul_terminated(text);
  const std::string normal = pull::normalise_wix_time(nul_terminated.c_str());
  if (!normal.empty()) {
    FUZZ_CHECK(pull::normalise_wix_time(normal.c_str()) == normal);
    FUZZ_CHECK(parse_utc_ms(normal).has_value());
  }
  if (!ms) return;
  if (!normal.empty() && nul_terminated.size() == text.size()) {
    FUZZ_CHECK(*parse_utc_ms(normal) == *ms);
  }
  const std::string written = format_utc_ms(*ms);
  const std::optional<std::int64_t> again = parse_utc_ms(written);
  // Years 0000-9999 are written in the form parse_utc_ms reads; an offset may push a time
  // outside them.
  if (*ms >= -62167219200000 && *ms < 253402300800000) FUZZ_CHECK(again.has_value());
  if (again) FUZZ_CHECK(*again == *ms);
}

}  // namespace
}  // namespace shelfnode::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace shelfnode;
  using namespace shelfnode::fuzz;
  const std::string_view text = as_text(data, size);
  check_time(text);
  JsonPtr root = parse_json(text);
  if (!root) return 0;
  check_order(root.get());
  const cJSON* orders = child(root.get(), "orders");
  const cJSON* node = nullptr;
  cJSON_ArrayForEach(node, orders) {
    check_order(node);
    const char* updated = cJSON_GetStringValue(child(node, "updatedDate"));
    if (updated != nullptr) check_time(updated);
  }
  return 0;
}
