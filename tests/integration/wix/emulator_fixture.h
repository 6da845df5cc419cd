#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <sstream>
#include <string>

#include "shelfnode/wix/curl_transport.h"
#include "support/process.h"

namespace shelfnode::wix::testing {

// Runs tools/wix-emulator as a child process for the whole suite (the Child destructor
// kills it by PID) and offers its admin routes. State is reset before every test.
class EmulatorTest : public ::testing::Test {
 public:
  static constexpr const char* kV1Site = "f9fbab61-c968-41d2-a177-78dc40ab8c1c";
  static constexpr const char* kV1Key = "IST.v1-full-access-3f9a";

  static void TearDownTestSuite() {
    emulator_.reset();
    dir_.reset();
  }

 protected:
  void SetUp() override {
    // Started here rather than in SetUpTestSuite: a failure there only marks the tests
    // skipped, which CTest counts as passing.
    if (emulator_ == nullptr) {
      const std::string why = start();
      ASSERT_TRUE(why.empty()) << why;
    }
    ASSERT_EQ(admin("POST", "/_emulator/reset", "{}").status, 200);
  }

  // Returns "" on success, else why the emulator could not be started.
  static std::string start() {
    dir_ = std::make_unique<shelfnode::testing::TempDir>();
    emulator_ = std::make_unique<shelfnode::testing::Child>(std::vector<std::string>{
        "python3", source_dir() + "/tools/wix-emulator/emulator.py", "--port", "0", "--port-file",
        dir_->file("port"), "--state-dir", dir_->file("state")});
    std::string line;
    if (!emulator_->read_line(line, 30'000)) return "the emulator did not print READY in 30 s";
    std::istringstream words(line);
    std::string ready, ca;
    words >> ready >> url_ >> ca;
    if (ready != "READY" || ca.rfind("ca=", 0) != 0) return "unexpected first line: " + line;
    ca_file_ = ca.substr(3);
    return "";
  }

  static std::string source_dir() {
    const char* env = std::getenv("SHELFNODE_SOURCE_DIR");
    return env != nullptr && *env != '\0' ? env : SHELFNODE_SOURCE_DIR;
  }

  static CurlOptions trusted() {
    CurlOptions o;
    o.ca_file = ca_file_;
    return o;
  }

  // An admin call; failures are test failures (status 0).
  static HttpResponse admin(const std::string& method, const std::string& path,
                            const std::string& body = "") {
    CurlTransport t(trusted());
    HttpRequest r{method, url_ + path, {{"Content-Type", "application/json"}}, body};
    auto sent = t.send(r);
    EXPECT_TRUE(sent.ok()) << sent.status().message();
    return sent.ok() ? sent.value() : HttpResponse{};
  }

  static void inject(const std::string& fault_json) {
    ASSERT_EQ(admin("POST", "/_emulator/faults", fault_json).status, 200) << fault_json;
  }

  static std::unique_ptr<shelfnode::testing::TempDir> dir_;
  static std::unique_ptr<shelfnode::testing::Child> emulator_;
  static std::string url_;
  static std::string ca_file_;
};

inline std::unique_ptr<shelfnode::testing::TempDir> EmulatorTest::dir_;
inline std::unique_ptr<shelfnode::testing::Child> EmulatorTest::emulator_;
inline std::string EmulatorTest::url_;
inline std::string EmulatorTest::ca_file_;

}  // namespace shelfnode::wix::testing
