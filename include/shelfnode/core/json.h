#pragma once

#include <cjson/cJSON.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "shelfnode/core/result.h"

namespace shelfnode {

// Owning pointer for a cJSON tree (RAII: one cJSON_Delete per root).
struct JsonDeleter {
  void operator()(cJSON* p) const { cJSON_Delete(p); }
};
using JsonPtr = std::unique_ptr<cJSON, JsonDeleter>;

// Parses `text` as exactly one JSON value (RFC 8259), of known length (cJSON otherwise needs a
// NUL terminator). cJSON alone is looser, and each looseness hides part of the text: it stops
// after the first value (`{"a":1} {"b":2}` reads as `{"a":1}`), ends a string at a NUL byte
// and skips one as white space. So only white space may follow the value, a NUL byte anywhere
// is refused, and one UTF-8 byte order mark is skipped at the very start only (§8.1).
// Errors are kBadData: "not valid JSON: <what> at byte N of M".
Result<JsonPtr> parse_json_text(std::string_view text);

// The same, null when the text is not one JSON value, for callers with their own message.
JsonPtr parse_json(std::string_view text);

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
