#pragma once

#include <cjson/cJSON.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shelfnode/core/json.h"

namespace shelfnode::sync {

// Readers for the inventory answers (text_at and bool_at are core/json.h's). Wix sends int64
// values (V1 `numericId` [R20][R21], V3 `revision` [R27]) as strings, sometimes as numbers,
// so both are accepted.

// An integer sent as a JSON number or as a decimal string; nothing when absent or unreadable.
std::optional<std::int64_t> int_at(const cJSON* object, const char* name);

// An int64 identifier as decimal text, whichever way it was sent; "" when absent.
std::string int_text_at(const cJSON* object, const char* name);

// Adds `name: [values...]` as strings and returns the array.
cJSON* add_strings(cJSON* object, const char* name, const std::vector<std::string>& values);

// `object` serialised, for the V1 queries whose filter and sort are JSON text [R14][R15].
std::string json_text(const cJSON* object);

}  // namespace shelfnode::sync
