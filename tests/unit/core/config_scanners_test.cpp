// config.json `scanners` and the daemon's schedule fields.
#include <gtest/gtest.h>

#include "shelfnode/core/config.h"

namespace shelfnode {
namespace {

TEST(ConfigScanners, NoneByDefaultAndTheDaemonScheduleHasDefaults) {
  Result<Config> c = parse_config("{}", "config.json");
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->scanners.empty());
  EXPECT_EQ(c->sync.settle_seconds, 3);
  EXPECT_EQ(c->sync.catalog_interval_seconds, 3600);
}

TEST(ConfigScanners, ReadsEachEntryWithItsOptionsInOrder) {
  Result<Config> c = parse_config(R"({"scanners": [
      {"source": "evdev:/dev/input/by-id/usb-Scanner-event-kbd", "layout": "de",
       "suffix": "tab", "gap_ms": 120, "warehouse": "shop", "mode": "sell",
       "feedback": "gpio:/dev/gpiochip0,line=17"},
      {"name": "back", "source": "serial:/dev/ttyACM0", "baud": 115200,
       "warehouse": "backroom", "mode": "receive"}],
      "sync": {"settle_seconds": 5, "catalog_interval_seconds": 0}})",
                                  "config.json");
  ASSERT_TRUE(c.ok()) << c.status().message();
  ASSERT_EQ(c->scanners.size(), 2u);
  const Config::Scanner& front = c->scanners[0];
  EXPECT_EQ(front.name, front.source);
  EXPECT_EQ(front.warehouse, "shop");
  EXPECT_EQ(front.mode, "sell");
  EXPECT_EQ(front.feedback, "gpio:/dev/gpiochip0,line=17");
  const std::vector<std::pair<std::string, std::string>> options = {
      {"layout", "de"}, {"suffix", "tab"}, {"gap_ms", "120"}};
  EXPECT_EQ(front.options, options);
  EXPECT_EQ(c->scanners[1].name, "back");
  EXPECT_EQ(c->scanners[1].feedback, "terminal");
  EXPECT_EQ(c->scanners[1].options.at(0).second, "115200");
  EXPECT_EQ(c->sync.settle_seconds, 5);
  EXPECT_EQ(c->sync.catalog_interval_seconds, 0);
}

TEST(ConfigScanners, MistakesNameTheEntryAndTheField) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"scanners": {}})", "'scanners' must be a list"},
      {R"({"scanners": ["serial:/dev/ttyACM0"]})", "'scanners[0]' must be an object"},
      {R"({"scanners": [{"source": "stdin", "mode": "sell"}]})",
       "'scanners[0]' needs \"warehouse\""},
      {R"({"scanners": [{"source": "stdin", "warehouse": "shop", "mode": "sell", "colour": 1}]})",
       "unknown field 'scanners[0].colour'"},
      {R"({"scanners": [{"source": "stdin", "warehouse": "shop", "mode": "sell", "baud": "fast"}]})",
       "'scanners[0].baud' must be a whole number"},
      {R"({"scanners": [{"source": "stdin", "warehouse": "a", "mode": "sell"},
                        {"source": "stdin", "warehouse": "b", "mode": "sell"}]})",
       "'scanners[1].source' names stdin a second time"},
      {R"({"scanners": [{"name": "till", "source": "stdin", "warehouse": "a", "mode": "sell"},
                        {"name": "till", "source": "serial:/dev/ttyS0", "warehouse": "b",
                         "mode": "sell"}]})",
       "'scanners[1].name' \"till\" is taken"},
      {R"({"sync": {"settle_seconds": 0}})", "'sync.settle_seconds' must be a whole number from 1"},
  };
  for (const auto& [json, expected] : cases) {
    Result<Config> c = parse_config(json, "config.json");
    ASSERT_FALSE(c.ok()) << json;
    EXPECT_NE(c.status().message().find(expected), std::string::npos) << json << "\n"
                                                                      << c.status().message();
    EXPECT_EQ(c.status().code(), Code::kConfig);
  }
}

}  // namespace
}  // namespace shelfnode
