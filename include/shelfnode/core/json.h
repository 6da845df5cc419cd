#pragma once

#include <cjson/cJSON.h>

#include <memory>
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
