// Global options, per-command --help, init and the "not initialised" guard.
#include <sys/stat.h>

#include <regex>

#include "cli_fixture.h"
#include "shelfnode/store/schema.h"

namespace shelfnode::cli_test {
namespace {

struct CommandCase {
  std::vector<std::string> words;
  std::string synopsis;
};

const std::vector<CommandCase>& all_commands() {
  static const std::vector<CommandCase> kCommands = {
      {{"init"}, "init"},
      {{"warehouse", "add"}, "warehouse add NAME [--mapped]"},
      {{"warehouse", "map"}, "warehouse map NAME"},
      {{"warehouse", "unmap"}, "warehouse unmap NAME"},
      {{"warehouse", "list"}, "warehouse list [--json]"},
      {{"connect"},
       "connect --site-id ID|DASHBOARD_URL --api-key-file FILE [--base-url URL] [--ca-file F] "
       "[--account-id ID] [--json]"},
      {{"catalog", "pull"}, "catalog pull [--progress] [--full] [--json]"},
      {{"catalog", "import"}, "catalog import FILE.csv"},
      {{"catalog", "find"}, "catalog find CODE [--json]"},
      {{"alias", "add"}, "alias add CODE SKU"},
      {{"receive"}, "receive CODE QTY --warehouse W [--yes]"},
      {{"sell"}, "sell CODE QTY --warehouse W [--yes]"},
      {{"count"}, "count CODE QTY --warehouse W [--yes]"},
      {{"move"}, "move CODE QTY --from W --to W [--yes]"},
      {{"scan"},
       "scan --warehouse W --mode sell|receive|count [--source stdin|evdev:PATH|serial:PATH]"},
      {{"stock"}, "stock [CODE] [--json]"},
      {{"history"}, "history [CODE] [--warehouse W] [--since T] [--limit N] [--json]"},
      {{"void"}, "void ID [--reason TEXT] | void --last --warehouse W [--reason TEXT] [--json]"},
      {{"export"}, "export stock|movements [--since T] --csv|--json"},
      {{"sync"}, "sync [--reconcile] [--retry-parked] [--json]"},
      {{"wix", "call"}, "wix call METHOD PATH [--data JSON]"},
      {{"status"}, "status [--json]"},
  };
  return kCommands;
}

bool is_directory(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool exists(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0;
}

using GlobalTest = CliTest;

TEST_F(GlobalTest, NoArgumentsPrintsUsageOnStderrAndExits64) {
  support::RunResult r = support::run({support::shelfnode_bin()});
  EXPECT_EQ(r.exit_code, 64) << describe(r);
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(starts_with(r.err, "usage: shelfnode [--data-dir DIR] COMMAND [ARGS]\n")) << r.err;
  for (const CommandCase& c : all_commands()) {
    EXPECT_TRUE(contains(r.err, "\n  " + c.synopsis + "\n")) << c.synopsis;
  }
}

TEST_F(GlobalTest, HelpPrintsUsageOnStdout) {
  for (const char* flag : {"--help", "-h"}) {
    support::RunResult r = support::run({support::shelfnode_bin(), flag});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(starts_with(r.out, "usage: shelfnode [--data-dir DIR] COMMAND [ARGS]\n"));
    EXPECT_TRUE(contains(r.out, "exit codes: 0 ok, 64 usage, 65 bad data")) << r.out;
    EXPECT_EQ(r.err, "");
  }
}

TEST_F(GlobalTest, VersionPrintsOneLine) {
  support::RunResult r = support::run({support::shelfnode_bin(), "--version"});
  EXPECT_EQ(r.exit_code, 0) << describe(r);
  // The version, then the libcurl and TLS backend it runs with (README "Build profiles").
  EXPECT_TRUE(std::regex_match(
      r.out,
      std::regex(R"(shelfnode 0\.1\.0 \(libcurl 7\.[0-9.]+, (OpenSSL|mbedTLS)/[0-9][^)]*\)\n)")))
      << r.out;
  EXPECT_EQ(r.err, "");
}

TEST_F(GlobalTest, UnknownCommandExits64) {
  support::RunResult r = sn({"frobnicate"});
  EXPECT_EQ(r.exit_code, 64) << describe(r);
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(starts_with(r.err, "shelfnode: unknown command 'frobnicate'\n")) << r.err;
  EXPECT_TRUE(contains(r.err, "usage: shelfnode")) << r.err;
  // The first word of a two-word command alone is not a command either; the group's
  // commands are shown instead of the whole list.
  expect_refused(sn({"warehouse"}), 64, "unknown command 'warehouse'");
  support::RunResult group = sn({"warehouse", "delete", "shop"});
  expect_refused(group, 64, "unknown command 'warehouse'");
  EXPECT_TRUE(contains(group.err, "warehouse add NAME [--mapped]")) << group.err;
  EXPECT_FALSE(contains(group.err, "catalog pull")) << group.err;
}

TEST_F(GlobalTest, InitCreatesMissingParentsAndKeepsTheDataDirPrivate) {
  const std::string nested = file("srv/shelfnode/data");
  support::RunResult r = support::shelfnode(nested, {"init"});
  EXPECT_EQ(r.exit_code, 0) << describe(r);
  struct stat st {};
  ASSERT_EQ(stat(nested.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  EXPECT_EQ(support::shelfnode(nested, {"status"}).exit_code, 0);
}

TEST_F(GlobalTest, AGroupsHelpListsItsCommands) {
  for (const auto& [group, member] : std::vector<std::pair<std::string, std::string>>{
           {"warehouse", "warehouse map NAME"},
           {"catalog", "catalog pull"},
           {"alias", "alias add CODE SKU"},
           {"wix", "wix call METHOD PATH"}}) {
    SCOPED_TRACE(group);
    support::RunResult r = sn({group, "--help"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(contains(r.out, member)) << r.out;
    EXPECT_EQ(r.err, "");
  }
  EXPECT_TRUE(contains(ok({"--help"}), "--version")) << "the top help names --version";
}

TEST_F(GlobalTest, UnknownGlobalOptionExits64) {
  support::RunResult r = support::run({support::shelfnode_bin(), "--bogus", "status"});
  expect_refused(r, 64, "unknown option '--bogus'");
  // --data-dir without its value.
  expect_refused(support::run({support::shelfnode_bin(), "--data-dir"}), 64, "--data-dir");
}

TEST_F(GlobalTest, UnknownCommandOptionExits64) {
  ok({"init"});
  expect_refused(sn({"status", "--bogus"}), 64, "unknown option '--bogus'");
  expect_refused(sn({"stock", "a", "b"}), 64, "unexpected argument 'b'");
  expect_refused(sn({"catalog", "find"}), 64, "missing argument");
  expect_refused(sn({"receive", "X", "1", "--warehouse"}), 64, "--warehouse needs a value");
}

// For a two-word command the hint must name the whole command ("see `shelfnode warehouse add
// --help`"), never just the last word, which is not a command.
TEST_F(GlobalTest, OptionErrorHintNamesTheWholeTwoWordCommand) {
  ok({"init"});
  for (const CommandCase& c : all_commands()) {
    if (c.words.size() != 2) continue;
    std::vector<std::string> args = c.words;
    args.push_back("--bogus");
    const std::string full = c.words[0] + " " + c.words[1] + " --help";
    expect_refused(sn(args), 64, "`shelfnode " + full + "`");
  }
}

TEST_F(GlobalTest, AnEmptyDataDirIsRefusedNotDefaulted) {
  expect_refused(support::run({support::shelfnode_bin(), "--data-dir=", "status"}), 64,
                 "--data-dir=");
  expect_refused(support::run({support::shelfnode_bin(), "--data-dir", "", "status"}), 64,
                 "--data-dir");
}

TEST_F(GlobalTest, DataDirFromEnvironment) {
  ok({"init"});
  ok({"warehouse", "add", "envcheck"});
  support::RunResult r = support::run({support::shelfnode_bin(), "warehouse", "list"}, "",
                                      {{"SHELFNODE_DATA_DIR", dir()}});
  EXPECT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_TRUE(contains(r.out, "envcheck")) << r.out;
  // --data-dir wins over the environment.
  support::TempDir other;
  r = support::run({support::shelfnode_bin(), "--data-dir", other.path(), "status"}, "",
                   {{"SHELFNODE_DATA_DIR", dir()}});
  expect_refused(r, 78, other.path());
}

TEST_F(GlobalTest, DataDirEqualsForm) {
  ok({"init"});
  support::RunResult r = support::run({support::shelfnode_bin(), "--data-dir=" + dir(), "status"});
  EXPECT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_TRUE(starts_with(r.out, "data dir:     " + dir() + " (schema ")) << r.out;
}

TEST_F(GlobalTest, EveryCommandHelpPrintsItsSynopsis) {
  for (const CommandCase& c : all_commands()) {
    std::vector<std::string> args = c.words;
    args.push_back("--help");
    // --help needs neither an initialised data dir nor the command's arguments.
    support::RunResult r = sn(args);
    EXPECT_EQ(r.exit_code, 0) << c.synopsis << "\n" << describe(r);
    EXPECT_TRUE(starts_with(r.out, "usage: shelfnode [--data-dir DIR] " + c.synopsis + "\n\n"))
        << r.out;
    EXPECT_GT(split_lines(r.out).size(), 2u) << "no explanation after the synopsis: " << r.out;
    EXPECT_EQ(r.err, "");
  }
  EXPECT_FALSE(exists(dir() + "/shelfnode.db")) << "--help must not touch the data dir";
}

TEST_F(GlobalTest, InitCreatesTheDataDirAndIsIdempotent) {
  const std::string fresh = file("fresh");
  support::RunResult r = support::shelfnode(fresh, {"init"});
  EXPECT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(r.out, "data dir " + fresh + " is ready (schema " +
                       std::to_string(store::latest_schema_version()) + ")\n");
  EXPECT_TRUE(is_directory(fresh));
  EXPECT_TRUE(exists(fresh + "/shelfnode.db"));
  struct stat st {};
  ASSERT_EQ(stat(fresh.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u) << "the data dir will hold credentials";

  ASSERT_EQ(support::shelfnode(fresh, {"warehouse", "add", "shop", "--mapped"}).exit_code, 0);
  r = support::shelfnode(fresh, {"init"});
  EXPECT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(r.out, "data dir " + fresh + " is ready (schema " +
                       std::to_string(store::latest_schema_version()) + ")\n");
  // A second init keeps what is there.
  r = support::shelfnode(fresh, {"warehouse", "list", "--json"});
  EXPECT_TRUE(contains(r.out, "\"name\":\t\"shop\"")) << r.out;
}

// README: unknown fields in config.json are refused. Text after the object (a second object
// with one, or a stray brace) and NUL bytes were ignored by the parser; now every command
// that reads the file stops with 78 and says where.
TEST_F(GlobalTest, ConfigWithTextAfterTheObjectOrANulExits78) {
  ok({"init"});
  support::write_file(dir() + "/config.json", R"({"log_level":"info"} {"wix":{"bogus":1}})");
  expect_refused(sn({"status"}), 78, "text after the JSON value at byte 21");
  support::write_file(dir() + "/config.json", "{\"log_level\":\"info\"}}\n");
  expect_refused(sn({"warehouse", "add", "shop"}), 78, "text after the JSON value at byte 20");
  support::write_file(dir() + "/config.json", std::string("{\"log_level\":\"info\"}\n\0", 22));
  expect_refused(sn({"status"}), 78, "a NUL byte at byte 21");
  support::write_file(dir() + "/config.json", "{\"log_level\":\"info\"}\n");
  ok({"status"});
}

TEST_F(GlobalTest, InitOnARegularFileExits78) {
  const std::string path = file("not-a-dir");
  support::write_file(path, "x");
  expect_refused(support::shelfnode(path, {"init"}), 78, "is not a directory");
}

TEST_F(GlobalTest, EveryCommandOnAnUninitialisedDirExits78) {
  const std::string csv = write_csv("c.csv", standard_catalog_csv());
  const std::vector<std::vector<std::string>> commands = {
      {"warehouse", "add", "shop"},
      {"warehouse", "map", "shop"},
      {"warehouse", "unmap", "shop"},
      {"warehouse", "list"},
      {"catalog", "import", csv},
      {"catalog", "find", kApple},
      {"alias", "add", "X1", kApple},
      {"receive", kApple, "1", "--warehouse", "shop"},
      {"sell", kApple, "1", "--warehouse", "shop"},
      {"count", kApple, "1", "--warehouse", "shop"},
      {"move", kApple, "1", "--from", "shop", "--to", "depot"},
      {"scan", "--warehouse", "shop", "--mode", "sell"},
      {"stock"},
      {"status"},
  };
  for (const auto& args : commands) {
    SCOPED_TRACE(args.size() > 1 ? args[0] + " " + args[1] : args[0]);
    expect_refused(sn(args), 78, "`shelfnode --data-dir " + dir() + " init`");
  }
  EXPECT_FALSE(exists(dir() + "/shelfnode.db"));
  // A missing data dir is reported, not created, by anything but init.
  const std::string missing = file("missing");
  expect_refused(support::shelfnode(missing, {"status"}), 78, "init");
  expect_refused(support::shelfnode(missing, {"receive", kApple, "1", "--warehouse", "shop"}), 78,
                 "init");
  EXPECT_FALSE(exists(missing));
}

}  // namespace
}  // namespace shelfnode::cli_test
