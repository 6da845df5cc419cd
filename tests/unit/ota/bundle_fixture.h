#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <optional>
#include <string>
#include <vector>

#include "shelfnode/core/clock.h"
#include "shelfnode/ota/refusal.h"
#include "shelfnode/ota/verify_bundle.h"
#include "support/process.h"

namespace shelfnode::ota::testing {

// Each test gets a temp folder with a staged install tree, release keys made by the real
// `openssl` command line, a trusted key folder, and bundles built by tools/ota-bundle.sh,
// then changed by hand (and re-signed with `openssl dgst`) to make each kind of bad bundle.
// The clock is pinned to 2027-06-01; bundles expire 2030-01-01 unless a test says otherwise.
class BundleFixture : public ::testing::Test {
 protected:
  BundleFixture();

  // A new P-256 key pair "<name>.key.pem" / "<name>.pem"; returns the private key's path.
  std::string make_key(const std::string& name);
  // Puts the public half of `name` into the trusted key folder / takes it out.
  void trust(const std::string& name);
  void distrust(const std::string& name);
  std::string keys_dir() const { return tmp_.file("ota-keys"); }
  std::string tree_dir() const { return tmp_.file("tree"); }

  // Runs tools/ota-bundle.sh with `args` (after --tree, --key and --out); returns the bundle
  // folder, or "" (with a test failure) when the script fails.
  std::string build(const std::string& key_name, const std::string& version,
                    const std::vector<std::string>& args = {});
  // The script's result, for tests of the script itself.
  shelfnode::testing::RunResult run_script(const std::vector<std::string>& args);

  // Rewrites manifest.json, replacing `from` (which must be there) with `to`, then signs it
  // again with `key_name`, so only what the test meant to break is broken.
  void edit_manifest(const std::string& bundle, const std::string& from, const std::string& to,
                     const std::string& key_name = "release");
  void write_and_sign_manifest(const std::string& bundle, const std::string& text,
                               const std::string& key_name = "release");
  void sign(const std::string& bundle, const std::string& key_name);

  Result<VerifiedBundle> verify(const std::string& bundle, const std::string& installed = "1.0.0",
                                const std::optional<std::string>& floor = std::nullopt);

  shelfnode::testing::TempDir tmp_;
  FakeClock clock_;
  int bundles_ = 0;
};

// Asserts that `result` is the refusal `code`, and that its message mentions `needle`.
#define EXPECT_REFUSED(result, code, needle)                                                    \
  do {                                                                                          \
    const auto& r_ = (result);                                                                  \
    ASSERT_FALSE(r_.ok()) << "accepted, expected refusal " << (code);                           \
    EXPECT_EQ(::shelfnode::ota::refusal_code_of(r_.status()), (code)) << r_.status().message(); \
    EXPECT_NE(r_.status().message().find(needle), std::string::npos)                            \
        << "message lacks '" << (needle) << "': " << r_.status().message();                     \
  } while (0)

}  // namespace shelfnode::ota::testing
