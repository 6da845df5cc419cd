// config.json text through parse_config. Invariants: the text either parses or is refused
// with a kConfig message that names the file; an accepted config is within every documented
// range; writing an accepted config back out as JSON and parsing that gives the same config.

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "shelfnode/core/config.h"
#include "shelfnode/core/json.h"
#include "shelfnode/core/logger.h"

namespace shelfnode::fuzz {
namespace {

std::string to_text(const Config& c) {
  JsonPtr root(cJSON_CreateObject());
  cJSON_AddStringToObject(root.get(), "log_level", log_level_name(c.log_level));
  cJSON* wix = cJSON_AddObjectToObject(root.get(), "wix");
  cJSON_AddStringToObject(wix, "base_url", c.wix.base_url.c_str());
  cJSON_AddStringToObject(wix, "site_id", c.wix.site_id.c_str());
  cJSON_AddStringToObject(wix, "ca_file", c.wix.ca_file.c_str());
  cJSON_AddNumberToObject(wix, "requests_per_minute", c.wix.requests_per_minute);
  cJSON_AddNumberToObject(wix, "backoff_base_ms", c.wix.backoff_base_ms);
  cJSON* sync = cJSON_AddObjectToObject(root.get(), "sync");
  cJSON* statuses = cJSON_AddArrayToObject(sync, "order_statuses");
  for (const std::string& s : c.sync.order_statuses) {
    cJSON_AddItemToArray(statuses, cJSON_CreateString(s.c_str()));
  }
  cJSON_AddBoolToObject(sync, "include_pickup_orders", c.sync.include_pickup_orders);
  cJSON_AddStringToObject(sync, "fulfilment_warehouse", c.sync.fulfilment_warehouse.c_str());
  cJSON_AddNumberToObject(sync, "interval_seconds", c.sync.interval_seconds);
  return to_json_text(root.get());
}

bool same(const Config& a, const Config& b) {
  return a.log_level == b.log_level && a.wix.base_url == b.wix.base_url &&
         a.wix.site_id == b.wix.site_id && a.wix.ca_file == b.wix.ca_file &&
         a.wix.requests_per_minute == b.wix.requests_per_minute &&
         a.wix.backoff_base_ms == b.wix.backoff_base_ms &&
         a.sync.order_statuses == b.sync.order_statuses &&
         a.sync.include_pickup_orders == b.sync.include_pickup_orders &&
         a.sync.fulfilment_warehouse == b.sync.fulfilment_warehouse &&
         a.sync.interval_seconds == b.sync.interval_seconds;
}

void check_ranges(const Config& c) {
  FUZZ_CHECK(c.wix.requests_per_minute >= 1 && c.wix.requests_per_minute <= 200);
  FUZZ_CHECK(c.wix.backoff_base_ms >= 10 && c.wix.backoff_base_ms <= 60000);
  FUZZ_CHECK(c.sync.interval_seconds >= 5 && c.sync.interval_seconds <= 86400);
  FUZZ_CHECK(c.wix.base_url.rfind("https://", 0) == 0 || c.wix.base_url.rfind("http://", 0) == 0);
  FUZZ_CHECK(!c.sync.order_statuses.empty());
  for (const std::string& s : c.sync.order_statuses) {
    FUZZ_CHECK(s == "APPROVED" || s == "CANCELED" || s == "PENDING" || s == "REJECTED");
  }
}

}  // namespace
}  // namespace shelfnode::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace shelfnode;
  using namespace shelfnode::fuzz;
  const std::string origin = "/var/lib/shelfnode/config.json";
  // The text as parse_config's contract allows: a view of exactly `size` bytes, with no
  // terminating NUL behind it (ASan sees any read past the end).
  const std::string_view text = as_text(data, size);
  Result<Config> config = parse_config(text, origin);
  if (!config.ok()) {
    FUZZ_CHECK(config.status().code() == Code::kConfig);
    FUZZ_CHECK_MESSAGE(config.status());
    FUZZ_CHECK(config.status().message().rfind(origin + ": ", 0) == 0);
    return 0;
  }
  check_ranges(*config);
  const std::string written = to_text(*config);
  Result<Config> again = parse_config(written, origin);
  FUZZ_CHECK(again.ok());
  FUZZ_CHECK(same(*config, *again));
  return 0;
}
