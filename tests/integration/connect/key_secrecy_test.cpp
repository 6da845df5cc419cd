// DESIGN invariant 8: the API key is never in argv, logs, errors or --json output. Every test
// of this binary checks that in TearDown (connect_fixture.h); this one runs the commands most
// likely to leak it, with debug logging on, and looks everywhere once more on its own.
#include "connect_fixture.h"

namespace shelfnode::connect_test {
namespace {

class KeySecrecy : public ConnectTest {};

TEST_F(KeySecrecy, KeyIsInNoOutputAndNoFileButItsOwn) {
  support::write_file(dir() + "/config.json", R"({"log_level": "debug"})");
  std::vector<support::RunResult> runs;
  // A key pasted where its file name belongs: refused without echoing it.
  runs.push_back(run({"connect", "--site-id", kV1Site, "--api-key-file", kV1Key}));
  EXPECT_EQ(runs.back().exit_code, 78) << describe(runs.back());
  keys_.push_back(kV1Key);
  runs.push_back(run({"connect", "--site-id", kV1Site, "--api-key-file", key_file(kV1Key, 0640),
                      "--base-url", url(), "--ca-file", ca_file()}));
  EXPECT_EQ(runs.back().exit_code, 77) << describe(runs.back());
  runs.push_back(connect(kV1Site, support::kV1ReadOnlyKey));
  EXPECT_EQ(runs.back().exit_code, 77) << describe(runs.back());
  runs.push_back(connect(kV1Site, "IST.revoked-key-9999"));
  EXPECT_EQ(runs.back().exit_code, 77) << describe(runs.back());
  runs.push_back(connect(kV1Site, kV1Key, {"--json"}));
  ASSERT_EQ(runs.back().exit_code, 0) << describe(runs.back());
  runs.push_back(connect(kV1Site, kV1Key));  // success proves the real key went out
  ASSERT_EQ(runs.back().exit_code, 0) << describe(runs.back());
  runs.push_back(run({"wix", "call", "GET", "/stores/v3/provision/version"}));
  EXPECT_EQ(runs.back().exit_code, 0) << describe(runs.back());
  runs.push_back(run({"wix", "call", "GET", "/stores/v3/locations/default"}));
  EXPECT_EQ(runs.back().exit_code, 77) << describe(runs.back());
  runs.push_back(run({"status", "--json"}));
  runs.push_back(run({"status"}));

  std::string everything;
  for (const auto& r : runs) everything += r.out + r.err;
  EXPECT_TRUE(contains(everything, "level=debug")) << "debug logging was not on:\n" << everything;
  for (const std::string& key : keys_) {
    EXPECT_FALSE(contains(everything, key)) << key << " was shown:\n" << everything;
    EXPECT_FALSE(contains(everything, key.substr(4))) << "part of " << key << " was shown";
  }
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir())) {
    if (!entry.is_regular_file() || entry.path().filename() == "wix-api-key") continue;
    ++files;
    const std::string content = support::read_file(entry.path().string());
    for (const std::string& key : keys_) {
      EXPECT_FALSE(contains(content, key)) << key << " is in " << entry.path();
    }
  }
  EXPECT_GE(files, 3u);  // config.json, the database and the lock at least
  EXPECT_EQ(support::read_file(dir() + "/wix-api-key"), std::string(kV1Key) + "\n");
}

}  // namespace
}  // namespace shelfnode::connect_test
