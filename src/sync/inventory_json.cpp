#include "sync/inventory_json.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "shelfnode/core/json.h"

namespace shelfnode::sync {

std::optional<std::int64_t> int_at(const cJSON* object, const char* name) {
  const cJSON* item = cJSON_GetObjectItemCaseSensitive(object, name);
  if (cJSON_IsNumber(item)) {
    const double v = item->valuedouble;
    // Beyond 2^53 a double no longer holds every integer: such a number is not trusted.
    if (!std::isfinite(v) || std::fabs(v) > 9007199254740992.0 || v != std::trunc(v)) return {};
    return static_cast<std::int64_t>(v);
  }
  if (!cJSON_IsString(item) || item->valuestring == nullptr || item->valuestring[0] == '\0') {
    return {};
  }
  errno = 0;
  char* end = nullptr;
  const long long v = std::strtoll(item->valuestring, &end, 10);
  if (errno != 0 || end == nullptr || *end != '\0') return {};
  return static_cast<std::int64_t>(v);
}

std::string int_text_at(const cJSON* object, const char* name) {
  const cJSON* item = cJSON_GetObjectItemCaseSensitive(object, name);
  if (cJSON_IsString(item)) return text_at(object, name);
  const std::optional<std::int64_t> v = int_at(object, name);
  return v ? std::to_string(*v) : "";
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
