#include "wix_request_log.h"

namespace shelfnode::bench {
namespace {

bool starts_with(const std::string& s, const char* prefix) {
  return s.rfind(prefix, 0) == 0;
}

std::string text(const cJSON* object, const char* name) {
  const cJSON* v = cJSON_GetObjectItemCaseSensitive(object, name);
  return cJSON_IsString(v) ? v->valuestring : "";
}

long entries(const cJSON* body, const char* list) {
  return cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(body, list));
}

}  // namespace

V1Calls count_v1_calls(const cJSON* requests) {
  V1Calls c;
  const cJSON* r = nullptr;
  cJSON_ArrayForEach(r, requests) {
    const std::string method = text(r, "method");
    std::string path = text(r, "path");
    if (starts_with(path, "/stores-reader/")) path = "/stores/" + path.substr(15);
    const cJSON* body = cJSON_GetObjectItemCaseSensitive(r, "body");
    if (path == "/stores/v2/inventoryItems/increment") {
      ++c.increment;
      c.increment_entries += entries(body, "incrementData");
    } else if (path == "/stores/v2/inventoryItems/decrement") {
      ++c.decrement;
      c.decrement_entries += entries(body, "decrementData");
    } else if (method == "PATCH" && starts_with(path, "/stores/v2/inventoryItems/")) {
      ++c.set;
    } else if (path == "/stores-reader/v2/inventoryItems/query" ||
               path.find("/getVariants") != std::string::npos) {
      ++c.read;
    } else if (path == "/ecom/v1/orders/search") {
      ++c.orders;
    } else {
      ++c.other;
    }
    const cJSON* status = cJSON_GetObjectItemCaseSensitive(r, "status");
    if (!cJSON_IsNumber(status) || status->valueint < 200 || status->valueint > 299) ++c.refused;
    const cJSON* ms = cJSON_GetObjectItemCaseSensitive(r, "durationMs");
    if (cJSON_IsNumber(ms)) c.server_seconds += ms->valuedouble / 1000.0;
  }
  return c;
}

std::map<std::string, long> wix_quantities(const cJSON* inventory) {
  std::map<std::string, long> out;
  const cJSON* item = nullptr;
  cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(inventory, "items")) {
    const cJSON* qty = cJSON_GetObjectItemCaseSensitive(item, "quantity");
    const std::string sku = text(item, "sku");
    if (sku.empty() || !cJSON_IsNumber(qty)) continue;
    out[sku] = static_cast<long>(qty->valuedouble);
  }
  return out;
}

}  // namespace shelfnode::bench
