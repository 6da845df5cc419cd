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

TEST(ExampleConfig, EveryFieldIsAtItsDefault) {
  std::string text = read_file(kExample);
  ASSERT_FALSE(text.empty()) << kExample;
  Result<Config> parsed = parse_config(text, kExample);
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
  EXPECT_EQ(c.sync.settle_seconds, defaults.sync.settle_seconds);
  EXPECT_EQ(c.sync.catalog_interval_seconds, defaults.sync.catalog_interval_seconds);
  EXPECT_TRUE(c.scanners.empty());
  EXPECT_EQ(c.ota.hawkbit.url, defaults.ota.hawkbit.url);
  EXPECT_EQ(c.ota.hawkbit.tenant, defaults.ota.hawkbit.tenant);
  EXPECT_EQ(c.ota.hawkbit.controller_id, defaults.ota.hawkbit.controller_id);
  EXPECT_EQ(c.ota.hawkbit.token_file, defaults.ota.hawkbit.token_file);
  EXPECT_EQ(c.ota.hawkbit.ca_file, defaults.ota.hawkbit.ca_file);
}

// The README's example entries parse, with the defaults it names for what they leave out.
TEST(ExampleConfig, TheReadmesScannerEntriesAreAValidConfig) {
  const std::string readme = read_file(SHELFNODE_SOURCE_DIR "/firmware/README.md");
  const std::size_t at = readme.find("\"scanners\": [\n");
  ASSERT_NE(at, std::string::npos);
  const std::size_t end = readme.find("\n]\n", at);
  ASSERT_NE(end, std::string::npos);
  const std::string json = "{" + readme.substr(at, end + 2 - at) + "}";
  const Result<Config> parsed = parse_config(json, "firmware/README.md");
  ASSERT_TRUE(parsed.ok()) << parsed.status().message() << "\n" << json;
  ASSERT_EQ(parsed->scanners.size(), 2u);
  EXPECT_EQ(parsed->scanners[1].warehouse, "backroom");
}

}  // namespace
}  // namespace shelfnode::testing::install
