#include <gtest/gtest.h>

#include "shelfnode/core/config.h"

namespace shelfnode {
namespace {

Result<Config> parse(const std::string& text) { return parse_config(text, "config.json"); }

void expect_config_error(const std::string& text, const std::string& needle) {
  Result<Config> c = parse(text);
  ASSERT_FALSE(c.ok()) << text;
  EXPECT_EQ(c.status().code(), Code::kConfig);
  EXPECT_NE(c.status().message().find(needle), std::string::npos) << c.status().message();
}

TEST(ConfigOta, HawkbitKeysAreReadWithDefaults) {
  Result<Config> c = parse(R"({"ota": {"hawkbit": {"url": "https://hb.example/", "controller_id": "shop-7",
                               "token_file": "/etc/shelfnode/hawkbit-token"}}})");
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->ota.hawkbit.url, "https://hb.example") << "trailing slash dropped";
  EXPECT_EQ(c->ota.hawkbit.tenant, "DEFAULT");
  EXPECT_EQ(c->ota.hawkbit.controller_id, "shop-7");
  EXPECT_EQ(c->ota.hawkbit.token_file, "/etc/shelfnode/hawkbit-token");
  EXPECT_TRUE(parse("{}")->ota.hawkbit.url.empty()) << "no hawkBit by default";
  Result<Config> off = parse(R"({"ota": {"hawkbit": {"url": "", "controller_id": "", "token_file": ""}}})");
  ASSERT_TRUE(off.ok()) << "empty fields are the defaults: " << off.status().message();
  EXPECT_TRUE(off->ota.hawkbit.url.empty());
}

TEST(ConfigOta, MistakesNameTheFieldAndTheFix) {
  expect_config_error(R"({"ota": {"hawkbit": {"url": "http://hb.example", "controller_id": "a", "token_file": "t"}}})",
                      "'ota.hawkbit.url' must be the hawkBit server's https:// URL");
  expect_config_error(R"({"ota": {"hawkbit": {"url": "https://hb", "controller_id": "a/b", "token_file": "t"}}})",
                      "'ota.hawkbit.controller_id' must be 1 to 64 of");
  expect_config_error(R"({"ota": {"hawkbit": {"url": "https://hb", "tenant": "", "controller_id": "a", "token_file": "t"}}})",
                      "'ota.hawkbit.tenant'");
  expect_config_error(R"({"ota": {"hawkbit": {"url": "https://hb", "controller_id": "a"}}})",
                      "needs controller_id and token_file");
  expect_config_error(R"({"ota": {"hawkbit": {"controller_id": "a", "token_file": "t"}}})", "needs url");
  expect_config_error(R"({"ota": {"hawkbit": {"url": "https://hb", "token": "abc"}}})",
                      "unknown field 'ota.hawkbit.token'");
  expect_config_error(R"({"ota": {"rauc": {}}})", "unknown field 'ota.rauc'");
  expect_config_error(R"({"ota": []})", "'ota' must be an object");
}

}  // namespace
}  // namespace shelfnode
