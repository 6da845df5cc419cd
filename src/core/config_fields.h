#pragma once

#include <cJSON.h>

#include <cstdint>
#include <string>
#include <vector>

#include "shelfnode/core/config.h"
#include "shelfnode/core/json.h"
#include "shelfnode/core/printable.h"
#include "shelfnode/core/status.h"

namespace shelfnode::config_detail {

// Reads config.json fields with messages that name the field, what was wrong and how to fix it.
class FieldReader {
 public:
  explicit FieldReader(const std::string& origin) : origin_(origin) {}

  Status fail(const std::string& field, const std::string& what) const {
    return config_error(origin_ + ": field '" + printable(field) + "' " + what);
  }

  Status unknown(const std::string& field, const char* known) const {
    return config_error(origin_ + ": unknown field '" + printable(field) +
                        "': remove it or use one of: " + known);
  }

  Status read_string(const cJSON* node, const std::string& field, std::string& out) const {
    if (!cJSON_IsString(node)) return fail(field, "must be a string, e.g. \"" + out + "\"");
    out = node->valuestring;
    return Status::Ok();
  }

  Status read_int(const cJSON* node, const std::string& field, int lo, int hi, int& out) const {
    const std::string range =
        "a whole number from " + std::to_string(lo) + " to " + std::to_string(hi);
    if (!cJSON_IsNumber(node)) return fail(field, "must be " + range);
    Result<std::int64_t> v = whole_number(node, lo, hi);
    if (!v.ok()) {
      return fail(field, "must be " + range + " (got " + printable(to_json_text(node)) + ")");
    }
    out = static_cast<int>(*v);
    return Status::Ok();
  }

  Status read_bool(const cJSON* node, const std::string& field, bool& out) const {
    if (!cJSON_IsBool(node)) return fail(field, "must be true or false");
    out = cJSON_IsTrue(node);
    return Status::Ok();
  }

 private:
  const std::string& origin_;
};

// The `scanners` array (config_scanners.cpp).
Status read_scanners(const FieldReader& r, const cJSON* node, std::vector<Config::Scanner>& out);

// The `ota` object (config_ota.cpp).
Status read_ota(const FieldReader& r, const cJSON* node, Config::Ota& out);

}  // namespace shelfnode::config_detail
