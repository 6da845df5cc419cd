#pragma once

#include <cjson/cJSON.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace shelfnode {

// Owning pointer for a cJSON tree (RAII: one cJSON_Delete per root).
struct JsonDeleter {
  void operator()(cJSON* p) const { cJSON_Delete(p); }
};
using JsonPtr = std::unique_ptr<cJSON, JsonDeleter>;

// Parses text of known length (cJSON otherwise needs a NUL terminator). Null on bad JSON.
inline JsonPtr parse_json(std::string_view text) {
  return JsonPtr(cJSON_ParseWithLength(text.data(), text.size()));
}

// Reading JSON without trusting its shape: a missing or mistyped member reads as absent
// ("" for text, nullopt for a flag).
inline std::string text_at(const cJSON* object, const char* name) {
  const cJSON* item = cJSON_GetObjectItemCaseSensitive(object, name);
  return cJSON_IsString(item) && item->valuestring != nullptr ? item->valuestring : "";
}

inline std::optional<bool> bool_at(const cJSON* object, const char* name) {
  const cJSON* item = cJSON_GetObjectItemCaseSensitive(object, name);
  if (!cJSON_IsBool(item)) return std::nullopt;
  return cJSON_IsTrue(item) != 0;
}

// Unformatted serialisation; empty string only if cJSON runs out of memory.
inline std::string to_json_text(const cJSON* node) {
  char* raw = cJSON_PrintUnformatted(node);
  if (raw == nullptr) return {};
  std::string out(raw);
  cJSON_free(raw);
  return out;
}

inline std::string to_json_pretty(const cJSON* node) {
  char* raw = cJSON_Print(node);
  if (raw == nullptr) return {};
  std::string out(raw);
  cJSON_free(raw);
  return out;
}

}  // namespace shelfnode
