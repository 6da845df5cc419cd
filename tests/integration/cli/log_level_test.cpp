// How much the log says (README "Logging"): on a terminal, warnings and errors only, so a
// person sees the command's own output; through a pipe (the journal, cron) info too. -v or
// --verbose, before or after the command, brings info back on a terminal; a log_level in
// config.json replaces the default, and -v never makes it quieter.
#include "cli_fixture.h"

namespace shelfnode::cli_test {
namespace {

class LogLevelTest : public CliTest {
 protected:
  void SetUp() override {
    ok({"init"});
    ok({"warehouse", "add", "shop", "--mapped"});
  }

  // `shelfnode [global...] --data-dir DIR backup [after...]` with stderr on a terminal.
  support::RunResult on_terminal(const std::vector<std::string>& global,
                                 const std::vector<std::string>& after = {}) {
    std::vector<std::string> argv{support::shelfnode_bin()};
    argv.insert(argv.end(), global.begin(), global.end());
    argv.insert(argv.end(), {"--data-dir", dir(), "backup"});
    argv.insert(argv.end(), after.begin(), after.end());
    support::ChildSetup setup;
    setup.stderr_terminal = true;
    support::RunResult r = support::run(argv, "", {}, setup);
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(starts_with(r.out, "backed up ")) << describe(r);
    return r;
  }
};

constexpr const char* kInfoLine = "level=info event=backup.done";

TEST_F(LogLevelTest, ATerminalGetsNoInfoLinesByDefault) {
  const support::RunResult r = on_terminal({});
  EXPECT_FALSE(contains(r.err, "level=info")) << r.err;
}

TEST_F(LogLevelTest, VerboseBeforeOrAfterTheCommandBringsInfoBack) {
  EXPECT_TRUE(contains(on_terminal({"-v"}).err, kInfoLine));
  EXPECT_TRUE(contains(on_terminal({"--verbose"}).err, kInfoLine));
  EXPECT_TRUE(contains(on_terminal({}, {"-v"}).err, kInfoLine));
  EXPECT_TRUE(contains(on_terminal({}, {"--verbose"}).err, kInfoLine));
}

TEST_F(LogLevelTest, APipeGetsInfoLines) {
  const support::RunResult r = sn({"backup"});
  EXPECT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_TRUE(contains(r.err, kInfoLine)) << r.err;
}

TEST_F(LogLevelTest, ConfigJsonReplacesTheDefaultAndVerboseNeverQuietens) {
  support::write_file(dir() + "/config.json", R"({"log_level": "info"})");
  EXPECT_TRUE(contains(on_terminal({}).err, kInfoLine));
  support::write_file(dir() + "/config.json", R"({"log_level": "error"})");
  EXPECT_FALSE(contains(sn({"backup"}).err, "level=info")) << "config.json names error";
  EXPECT_TRUE(contains(on_terminal({"-v"}).err, kInfoLine));
  support::write_file(dir() + "/config.json", R"({"log_level": "debug"})");
  EXPECT_TRUE(contains(on_terminal({"-v"}).err, kInfoLine));
}

}  // namespace
}  // namespace shelfnode::cli_test
