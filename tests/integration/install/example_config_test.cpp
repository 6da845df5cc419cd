// /etc/shelfnode/config.example.json is a config.json with every field at its default, so
// copying it into the data dir changes nothing until a field is edited.

#include <gtest/gtest.h>

#include <string>

#include "shelfnode/core/config.h"
#include "shelfnode/core/json.h"
#include "support/process.h"

namespace shelfnode::testing::install {
namespace {

const std::string kExample = SHELFNODE_SOURCE_DIR "/firmware/etc/config.example.json";

// The settings the daemon brings (firmware/README.md, "The example config"): a build from
// before it refuses them as unknown fields.
bool refused_as_daemon_key(const Status& status) {
  const std::string& m = status.message();
  return m.find("unknown field 'scanners'") != std::string::npos ||
         m.find("unknown field 'sync.catalog_interval_seconds'") != std::string::npos;
}

std::string without_daemon_keys(const std::string& text) {
  JsonPtr root = parse_json(text);
  if (!root) return text;
  cJSON_DeleteItemFromObjectCaseSensitive(root.get(), "scanners");
  cJSON_DeleteItemFromObjectCaseSensitive(cJSON_GetObjectItemCaseSensitive(root.get(), "sync"),
                                          "catalog_interval_seconds");
  char* printed = cJSON_PrintUnformatted(root.get());
  std::string out = printed != nullptr ? printed : "";
  cJSON_free(printed);
  return out;
}

TEST(ExampleConfig, EveryFieldIsAtItsDefault) {
  std::string text = read_file(kExample);
  ASSERT_FALSE(text.empty()) << kExample;
  Result<Config> parsed = parse_config(text, kExample);
  if (!parsed.ok() && refused_as_daemon_key(parsed.status())) {
    parsed = parse_config(without_daemon_keys(text), kExample);
  }
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();

  const Config& c = *parsed;
  const Config defaults;
  // log_level is left out on purpose: naming it would fix the level on a terminal too.
  EXPECT_FALSE(c.log_level_given);
  EXPECT_EQ(c.wix.base_url, defaults.wix.base_url);
  EXPECT_EQ(c.wix.site_id, defaults.wix.site_id);
  EXPECT_EQ(c.wix.ca_file, defaults.wix.ca_file);
  EXPECT_EQ(c.wix.requests_per_minute, defaults.wix.requests_per_minute);
  EXPECT_EQ(c.wix.backoff_base_ms, defaults.wix.backoff_base_ms);
  EXPECT_EQ(c.sync.order_statuses, defaults.sync.order_statuses);
  EXPECT_EQ(c.sync.include_pickup_orders, defaults.sync.include_pickup_orders);
  EXPECT_EQ(c.sync.fulfilment_warehouse, defaults.sync.fulfilment_warehouse);
  EXPECT_EQ(c.sync.interval_seconds, defaults.sync.interval_seconds);
  EXPECT_EQ(c.scan.max_quantity, defaults.scan.max_quantity);
  EXPECT_EQ(c.scan.undo_code, defaults.scan.undo_code);
}

TEST(ExampleConfig, TheDaemonsSettingsAreKnown) {
  const std::string text = read_file(kExample);
  const Result<Config> parsed = parse_config(text, kExample);
  if (!parsed.ok() && refused_as_daemon_key(parsed.status())) {
    GTEST_SKIP() << "this build's config parser does not know the daemon's settings yet ("
                 << parsed.status().message() << "); they arrive with `shelfnode daemon`";
  }
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
}

}  // namespace
}  // namespace shelfnode::testing::install
