#include "shelfnode/core/config.h"

#include <gtest/gtest.h>

#include "support/process.h"

namespace shelfnode {
namespace {

Status parse_error(const std::string& json) {
  Result<Config> c = parse_config(json, "config.json");
  EXPECT_FALSE(c.ok()) << json;
  return c.status();
}

TEST(Config, EmptyObjectGivesDefaults) {
  Result<Config> c = parse_config("{}", "config.json");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->log_level, LogLevel::kInfo);
  EXPECT_FALSE(c->log_level_given);
  EXPECT_EQ(c->wix.base_url, "https://www.wixapis.com");
  EXPECT_EQ(c->wix.requests_per_minute, 120);
  ASSERT_EQ(c->sync.order_statuses.size(), 1u);
  EXPECT_EQ(c->sync.order_statuses[0], "APPROVED");
  EXPECT_TRUE(c->sync.include_pickup_orders);
  EXPECT_EQ(c->sync.interval_seconds, 60);
}

TEST(Config, ReadsEveryField) {
  Result<Config> c = parse_config(R"({"log_level":"debug",
    "wix":{"base_url":"https://127.0.0.1:8443","site_id":"s","ca_file":"/ca.pem","requests_per_minute":50,
           "backoff_base_ms":20},
    "sync":{"order_statuses":["APPROVED","CANCELED"],"include_pickup_orders":false,
            "fulfilment_warehouse":"shop","interval_seconds":30}})",
                                  "c");
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->log_level, LogLevel::kDebug);
  EXPECT_TRUE(c->log_level_given);
  EXPECT_EQ(c->wix.base_url, "https://127.0.0.1:8443");
  EXPECT_EQ(c->wix.ca_file, "/ca.pem");
  EXPECT_EQ(c->wix.requests_per_minute, 50);
  EXPECT_EQ(c->wix.backoff_base_ms, 20);
  EXPECT_EQ(c->sync.order_statuses.size(), 2u);
  EXPECT_FALSE(c->sync.include_pickup_orders);
  EXPECT_EQ(c->sync.fulfilment_warehouse, "shop");
  EXPECT_EQ(c->sync.interval_seconds, 30);
}

TEST(Config, ErrorsNameTheFieldAndTheFix) {
  Status s = parse_error(R"({"sync":{"interval_seconds":"soon"}})");
  EXPECT_EQ(s.code(), Code::kConfig);
  EXPECT_NE(s.message().find("config.json: field 'sync.interval_seconds'"), std::string::npos);
  EXPECT_NE(s.message().find("whole number from 5 to 86400"), std::string::npos);

  s = parse_error(R"({"sync":{"interval_seconds":2.5}})");
  EXPECT_NE(s.message().find("(got 2.5)"), std::string::npos);
  s = parse_error(R"({"wix":{"requests_per_minute":500}})");
  EXPECT_NE(s.message().find("1 to 200"), std::string::npos);
  s = parse_error(R"({"log_level":"loud"})");
  EXPECT_NE(s.message().find("debug, info, warn, error, off"), std::string::npos);
  s = parse_error(R"({"wix":{"base_url":"ftp://x"}})");
  EXPECT_NE(s.message().find("https://"), std::string::npos);
  s = parse_error(R"({"sync":{"order_statuses":["SHIPPED"]}})");
  EXPECT_NE(s.message().find("\"SHIPPED\""), std::string::npos);
  s = parse_error(R"({"sync":{"order_statuses":[]}})");
  EXPECT_NE(s.message().find("non-empty"), std::string::npos);
  s = parse_error(R"({"sync":{"include_pickup_orders":"yes"}})");
  EXPECT_NE(s.message().find("true or false"), std::string::npos);
  s = parse_error(R"({"wix":"x"})");
  EXPECT_NE(s.message().find("'wix' must be an object"), std::string::npos);
}

TEST(Config, ScanGuardsHaveTillFriendlyDefaultsAndAreChecked) {
  Result<Config> d = parse_config("{}", "config.json");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->scan.max_quantity, 999);
  EXPECT_EQ(d->scan.undo_code, "");
  Result<Config> c =
      parse_config(R"({"scan":{"max_quantity":24,"undo_code":"UNDO-LAST"}})", "config.json");
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->scan.max_quantity, 24);
  EXPECT_EQ(c->scan.undo_code, "UNDO-LAST");
  Status s = parse_error(R"({"scan":{"max_quantity":0}})");
  EXPECT_NE(s.message().find("'scan.max_quantity' must be a whole number from 1 to 99999"),
            std::string::npos);
  s = parse_error(R"({"scan":{"undo_code":"UN DO"}})");
  EXPECT_NE(s.message().find("without spaces"), std::string::npos);
  s = parse_error(R"({"scan":{"max_qty":5}})");
  EXPECT_NE(s.message().find("use one of: max_quantity, undo_code"), std::string::npos);
}

TEST(Config, UnknownFieldsAreRefusedNotIgnored) {
  Status s = parse_error(R"({"sync":{"intervall_seconds":30}})");
  EXPECT_NE(s.message().find("unknown field 'sync.intervall_seconds'"), std::string::npos);
  EXPECT_NE(s.message().find("interval_seconds"), std::string::npos);  // lists the right name
  s = parse_error(R"({"api_key":"x"})");
  EXPECT_NE(s.message().find("unknown field 'api_key'"), std::string::npos);
}

TEST(Config, BadJsonSaysSo) {
  Status s = parse_error(R"({"log_level": "info",})");
  EXPECT_NE(s.message().find("not valid JSON"), std::string::npos);
  s = parse_error("[1,2]");
  EXPECT_NE(s.message().find("must be a JSON object"), std::string::npos);
}

// The document must be the whole file: text after it would otherwise be ignored, unknown
// fields included, which is what "unknown fields are refused" promises never happens.
TEST(Config, TextAfterTheObjectIsRefused) {
  for (const char* text : {R"({"log_level":"info"}} )", R"({"log_level":"info"},)",
                           R"({"log_level":"info"}{"wix":{"bogus":1}})"}) {
    Status s = parse_error(text);
    EXPECT_EQ(s.code(), Code::kConfig) << text;
    EXPECT_NE(s.message().find("text after the JSON value at byte 20"), std::string::npos)
        << s.message();
  }
  Status s = parse_error("{\"log_level\":\"info\"}\n {\"wix\":{\"bogus\":1}}");
  EXPECT_NE(s.message().find("text after the JSON value at byte 22"), std::string::npos)
      << s.message();
  Result<Config> spaced = parse_config(" {\"log_level\":\"debug\"} \r\n\t\n", "c");
  ASSERT_TRUE(spaced.ok()) << spaced.status().message();
  EXPECT_EQ(spaced->log_level, LogLevel::kDebug);
}

// cJSON would end a string at a NUL ("abc\0def" reads as "abc") or skip one as white space.
TEST(Config, ANulByteAnywhereIsRefusedWithItsOffset) {
  using namespace std::string_literals;
  for (const std::string& text :
       {R"({"wix":{"site_id":"abc)"s + '\0' + R"(def"}})",
        R"({"log_level":)"s + '\0' + R"("info"})", R"({"log_level":"info"})"s + '\0',
        R"({"log_level":"info"})"s + '\0' + R"({"bogus":1})"}) {
    Result<Config> c = parse_config(text, "config.json");
    ASSERT_FALSE(c.ok()) << text;
    EXPECT_EQ(c.status().code(), Code::kConfig);
    const std::string at = "a NUL byte at byte " + std::to_string(text.find('\0'));
    EXPECT_NE(c.status().message().find(at), std::string::npos) << c.status().message();
  }
  testing::TempDir dir;
  testing::write_file(dir.file("nul.json"), "{\"log_level\":\"info\"}\n"s + '\0');
  Result<Config> c = load_config(dir.file("nul.json"));
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("NUL byte at byte 21"), std::string::npos)
      << c.status().message();
}

TEST(Config, MissingFileIsDefaultsUnreadableIsAnError) {
  testing::TempDir dir;
  Result<Config> c = load_config(dir.file("absent.json"));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->sync.interval_seconds, 60);
  testing::write_file(dir.file("c.json"), R"({"sync":{"interval_seconds":7}})");
  c = load_config(dir.file("c.json"));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->sync.interval_seconds, 7);
  testing::write_file(dir.file("bad.json"), "{");
  c = load_config(dir.file("bad.json"));
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find(dir.file("bad.json")), std::string::npos);
}

}  // namespace
}  // namespace shelfnode
