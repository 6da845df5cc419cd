#include "sync/inventory_json.h"

#include "shelfnode/core/json.h"

namespace shelfnode::sync {

Result<std::optional<std::int64_t>> int_at(const cJSON* object, const char* name, std::int64_t min,
                                           std::int64_t max) {
  Result<std::optional<std::int64_t>> v =
      whole_number_at(object, name, min, max, DigitsText::kAccepted);
  if (!v.ok())
    return bad_data("Wix answered with " + v.status().message() + ", which is not what Wix sends");
  return v;
}

Result<std::optional<std::int64_t>> quantity_at(const cJSON* object) {
  return int_at(object, "quantity", -kMaxInt32 - 1, kMaxInt32);
}

Result<std::string> int_text_at(const cJSON* object, const char* name) {
  Result<std::optional<std::int64_t>> v = int_at(object, name, 0, kMaxInt64);
  if (!v.ok()) return v.status();
  if (!v->has_value()) return std::string();
  const cJSON* item = cJSON_GetObjectItemCaseSensitive(object, name);
  return cJSON_IsString(item) ? std::string(item->valuestring) : std::to_string(**v);
}

cJSON* add_strings(cJSON* object, const char* name, const std::vector<std::string>& values) {
  cJSON* array = cJSON_AddArrayToObject(object, name);
  for (const std::string& v : values) cJSON_AddItemToArray(array, cJSON_CreateString(v.c_str()));
  return array;
}

std::string json_text(const cJSON* object) {
  return to_json_text(object);
}

}  // namespace shelfnode::sync
