// DESIGN invariant 8: the API key is never in argv, logs, errors or --json output. Every test
// of this binary checks that in TearDown (connect_fixture.h); this one runs the commands most
// likely to leak it, with debug logging on, and looks everywhere once more on its own.
#include <cctype>

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

// Lower-cased `text`, for looking for a key in any letter case.
std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// The first run of 8 characters of `key` (any case) that `text` shows, or "".
std::string piece_of_key_in(const std::string& text, const std::string& key) {
  const std::string haystack = lower(text);
  for (std::size_t at = 0; at + 8 <= key.size(); ++at) {
    const std::string piece = lower(key.substr(at, 8));
    if (haystack.find(piece) != std::string::npos) return piece;
  }
  return "";
}

// A server that repeats the Authorization header back (the emulator's echo_auth fault), in
// a JSON error, in an HTML page with the key split by a tag, lower- or upper-cased: neither
// `connect`, `wix call` nor `catalog pull` may show any 8 characters of it.
TEST_F(KeySecrecy, AKeyWixEchoesBackIsNeverShown) {
  support::write_file(dir() + "/config.json", R"({"log_level": "debug"})");
  auto fault = [this](const std::string& spec) {
    ASSERT_EQ(admin("POST", "/_emulator/faults", spec).status, 200) << spec;
  };
  std::vector<support::RunResult> runs;
  fault(R"({"kind":"echo_auth","path":"/stores/v3/provision/version"})");
  runs.push_back(connect(kV1Site, kV1Key));
  EXPECT_EQ(runs.back().exit_code, 77) << describe(runs.back());
  EXPECT_TRUE(contains(runs.back().err, "<redacted>")) << describe(runs.back());
  fault(R"({"kind":"echo_auth","path":"/stores-reader/v2/inventoryItems/query","case":"lower"})");
  runs.push_back(connect(kV1Site, kV1Key));
  EXPECT_EQ(runs.back().exit_code, 77) << describe(runs.back());
  runs.push_back(connect(kV1Site, kV1Key));
  ASSERT_EQ(runs.back().exit_code, 0) << describe(runs.back());

  const std::string version = "/stores/v3/provision/version";
  fault(R"({"kind":"echo_auth","path":")" + version + R"(","format":"html","case":"lower"})");
  runs.push_back(run({"wix", "call", "GET", version}));
  EXPECT_EQ(runs.back().exit_code, 77) << describe(runs.back());
  EXPECT_TRUE(contains(runs.back().out, "HTTP 401\n")) << describe(runs.back());
  EXPECT_TRUE(contains(runs.back().out, "<redacted>")) << describe(runs.back());
  fault(R"({"kind":"echo_auth","path":")" + version + R"(","status":400,"case":"upper"})");
  runs.push_back(run({"wix", "call", "GET", version}));
  EXPECT_EQ(runs.back().exit_code, 65) << describe(runs.back());
  fault(R"({"kind":"echo_auth","path":")" + version + R"(","status":200,"format":"html"})");
  runs.push_back(run({"wix", "call", "GET", version}));
  EXPECT_EQ(runs.back().exit_code, 0) << describe(runs.back());
  fault(R"({"kind":"echo_auth","path":"/stores-reader/v1/products/query","status":500,"count":9})");
  runs.push_back(run({"catalog", "pull"}));
  EXPECT_NE(runs.back().exit_code, 0) << describe(runs.back());

  for (const auto& r : runs) {
    EXPECT_EQ(piece_of_key_in(r.out + r.err, kV1Key), "") << describe(r);
  }
}

}  // namespace
}  // namespace shelfnode::connect_test
