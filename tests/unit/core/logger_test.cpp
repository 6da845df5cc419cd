#include "shelfnode/core/logger.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <regex>

#include "support/process.h"

namespace shelfnode {
namespace {

TEST(Logger, OneLineKeyValueWithTimestamp) {
  Logger log(nullptr);
  std::string line = log.format(LogLevel::kInfo, "scan.commit", {{"sku", "ABC-1"}, {"qty", "2"}});
  EXPECT_TRUE(std::regex_match(
      line,
      std::regex(
          R"(ts=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z level=info event=scan\.commit sku=ABC-1 qty=2)")))
      << line;
}

// README "Logging": a terminal gets warnings, the journal info; config.json replaces that
// default; -v asks for at least info and never makes logging quieter.
TEST(Logger, EffectiveLevelTerminalConfigAndVerbose) {
  using L = LogLevel;
  EXPECT_EQ(effective_log_level(std::nullopt, false, true), L::kWarn);
  EXPECT_EQ(effective_log_level(std::nullopt, false, false), L::kInfo);
  EXPECT_EQ(effective_log_level(std::nullopt, true, true), L::kInfo);
  EXPECT_EQ(effective_log_level(L::kInfo, false, true), L::kInfo);
  EXPECT_EQ(effective_log_level(L::kError, false, false), L::kError);
  EXPECT_EQ(effective_log_level(L::kError, true, true), L::kInfo);
  EXPECT_EQ(effective_log_level(L::kDebug, true, true), L::kDebug);
}

TEST(Logger, QuotesValuesThatWouldBreakSplitting) {
  Logger log(nullptr);
  std::string line = log.format(LogLevel::kWarn, "x", {{"why", "disk \"full\"\nnow"}, {"e", ""}});
  // Inside quotes a control character is \xNN, as everywhere else (core/printable.h).
  EXPECT_NE(line.find(R"(why="disk \"full\"\x0Anow")"), std::string::npos) << line;
  EXPECT_NE(line.find(R"(e="")"), std::string::npos) << line;
  EXPECT_EQ(line.find('\n'), std::string::npos);
}

TEST(Logger, ALineStaysOneLineWhateverTheValues) {
  Logger log(nullptr);
  std::string line = log.format(LogLevel::kWarn, "scan\r\nlevel=error",
                                {{"code", "\x1B[2J\x1B[H"},
                                 {"name", "Crème brûlée"},
                                 {"raw", "a\rb\xFF\xC2\x9B" "!"},
                                 {"path", "C:\\x"}});
  EXPECT_EQ(line.find_first_of("\r\n\x1B"), std::string::npos) << line;
  EXPECT_NE(line.find(R"( event="scan\x0D\x0Alevel=error" )"), std::string::npos) << line;
  EXPECT_NE(line.find(R"( code="\x1B[2J\x1B[H" )"), std::string::npos) << line;
  EXPECT_NE(line.find(R"( name="Crème brûlée" )"), std::string::npos) << line;  // kept as is
  EXPECT_NE(line.find(R"( raw="a\x0Db\xFF\xC2\x9B!" )"), std::string::npos) << line;
  EXPECT_NE(line.find(R"( path="C:\\x")"), std::string::npos) << line;
}

TEST(Logger, SecretNamedFieldsAreNeverWritten) {
  Logger log(nullptr);
  std::string line = log.format(
      LogLevel::kInfo, "connect",
      {{"api_key", "IST.abc123"}, {"Authorization", "IST.abc123"}, {"site_token", "t0k"}});
  EXPECT_EQ(line.find("abc123"), std::string::npos) << line;
  EXPECT_EQ(line.find("t0k"), std::string::npos) << line;
  EXPECT_NE(line.find("api_key=<redacted>"), std::string::npos);
}

TEST(Logger, RegisteredSecretsAreMaskedAnywhere) {
  Logger log(nullptr);
  log.add_secret("IST.sekret-value");
  std::string line = log.format(LogLevel::kError, "http",
                                {{"body", "echo IST.sekret-value and IST.sekret-value again"}});
  EXPECT_EQ(line.find("sekret"), std::string::npos) << line;
  EXPECT_EQ(log.redact("x IST.sekret-value y"), "x <redacted> y");
}

TEST(Logger, LevelFiltersAndWritesToItsOutput) {
  testing::TempDir dir;
  std::FILE* f = std::fopen(dir.file("log").c_str(), "w+");
  ASSERT_NE(f, nullptr);
  Logger log(f, LogLevel::kWarn);
  log.log(LogLevel::kInfo, "hidden", {});
  log.log(LogLevel::kError, "shown", {{"k", "v"}});
  std::fclose(f);
  std::string text = testing::read_file(dir.file("log"));
  EXPECT_EQ(text.find("hidden"), std::string::npos);
  EXPECT_NE(text.find("level=error event=shown k=v\n"), std::string::npos);
}

TEST(Logger, ParsesLevels) {
  EXPECT_EQ(*parse_log_level("debug"), LogLevel::kDebug);
  EXPECT_EQ(*parse_log_level("off"), LogLevel::kOff);
  EXPECT_FALSE(parse_log_level("verbose").ok());
}

}  // namespace
}  // namespace shelfnode
