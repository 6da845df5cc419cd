#pragma once

#include <cjson/cJSON.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "shelfnode/core/json.h"

namespace shelfnode::sync {

// Readers for the inventory answers (text_at, bool_at and whole_number_at are core/json.h's).
// Wix sends int64 values (V1 `numericId` [R20][R21], V3 `revision` [R27]) as strings,
// sometimes as numbers, so both are accepted. A value out of range is not what Wix sends: the
// answer is refused (kBadData naming the member), never read as absent.

inline constexpr std::int64_t kMaxInt32 = std::numeric_limits<std::int32_t>::max();
inline constexpr std::int64_t kMaxInt64 = std::numeric_limits<std::int64_t>::max();

// An integer in [min, max] sent as a JSON number or as a decimal string; nullopt when absent.
Result<std::optional<std::int64_t>> int_at(const cJSON* object, const char* name, std::int64_t min,
                                           std::int64_t max);

// A stock quantity (int32); nullopt when absent.
Result<std::optional<std::int64_t>> quantity_at(const cJSON* object);

// A non-negative int64 identifier as decimal text, whichever way it was sent (a string is kept
// as Wix wrote it); "" when absent.
Result<std::string> int_text_at(const cJSON* object, const char* name);

// Adds `name: [values...]` as strings and returns the array.
cJSON* add_strings(cJSON* object, const char* name, const std::vector<std::string>& values);

// `object` serialised, for the V1 queries whose filter and sort are JSON text [R14][R15].
std::string json_text(const cJSON* object);

}  // namespace shelfnode::sync
