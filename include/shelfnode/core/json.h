#pragma once

#include <cjson/cJSON.h>

#include <cstdint>
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

// The largest integer a JSON number is known to hold exactly once cJSON has read it as a
// double: from 2^53 on, neighbours collapse (2^53 + 1 reads as 2^53).
inline constexpr std::int64_t kMaxExactJsonInt = (std::int64_t{1} << 53) - 1;

// Whether a string of decimal digits counts as a number. Wix sends its int64 fields (V1
// numericId, V3 revision) as strings, since a JSON number cannot carry them exactly.
enum class DigitsText { kRefused, kAccepted };

// The one reader of numbers from Wix JSON. `item` as an int64 in [min, max]: a JSON number
// only if it is finite, integral and exact (within ±kMaxExactJsonInt); with
// DigitsText::kAccepted also a string of decimal digits after an optional '-' (no '+', no
// spaces) whose value is in range. Never a cast of anything else: kBadData saying what was
// there and what was wanted ("1e+300 is not a whole number from 0 to 2147483647"), for the
// caller to put in context.
Result<std::int64_t> whole_number(const cJSON* item, std::int64_t min, std::int64_t max,
                                  DigitsText digits = DigitsText::kRefused);

// Member `name` of `object` read by whole_number: nullopt when it is absent or null; the
// error names the member.
Result<std::optional<std::int64_t>> whole_number_at(const cJSON* object, const char* name,
                                                    std::int64_t min, std::int64_t max,
                                                    DigitsText digits = DigitsText::kRefused);

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
