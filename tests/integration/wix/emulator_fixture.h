#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "shelfnode/wix/curl_transport.h"
#include "support/wix_emulator.h"

namespace shelfnode::wix::testing {

// One emulator for the whole suite (killed by PID when the suite ends), reset before every
// test, with the library-level helpers these tests need.
class EmulatorTest : public ::testing::Test {
 public:
  static constexpr const char* kV1Site = shelfnode::testing::kV1Site;
  static constexpr const char* kV1Key = shelfnode::testing::kV1Key;

  static void TearDownTestSuite() { emulator_.reset(); }

 protected:
  void SetUp() override {
    // Started here rather than in SetUpTestSuite: a failure there only marks the tests
    // skipped, which CTest counts as passing.
    if (emulator_ == nullptr) {
      emulator_ = std::make_unique<shelfnode::testing::WixEmulator>();
      const std::string why = emulator_->start();
      ASSERT_TRUE(why.empty()) << why;
      url_ = emulator_->url();
      ca_file_ = emulator_->ca_file();
    }
    ASSERT_EQ(admin("POST", "/_emulator/reset", "{}").status, 200);
  }

  static CurlOptions trusted() {
    CurlOptions o;
    o.ca_file = ca_file_;
    return o;
  }

  // An admin call; failures are test failures (status 0).
  static shelfnode::testing::AdminAnswer admin(const std::string& method, const std::string& path,
                                               const std::string& body = "") {
    auto answer = emulator_->admin(method, path, body);
    EXPECT_NE(answer.status, 0) << answer.body;
    return answer;
  }

  static void inject(const std::string& fault_json) {
    ASSERT_EQ(admin("POST", "/_emulator/faults", fault_json).status, 200) << fault_json;
  }

  static std::unique_ptr<shelfnode::testing::WixEmulator> emulator_;
  static std::string url_;
  static std::string ca_file_;
};

inline std::unique_ptr<shelfnode::testing::WixEmulator> EmulatorTest::emulator_;
inline std::string EmulatorTest::url_;
inline std::string EmulatorTest::ca_file_;

}  // namespace shelfnode::wix::testing
