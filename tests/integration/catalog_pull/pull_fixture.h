#pragma once

// `shelfnode catalog pull` as a real process against the Wix emulator over HTTPS. Each
// suite starts its own emulator once (with the flags its tag names), resets it before every
// test, and kills it by PID when the suite ends. A test gets a fresh, connected data dir.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "shelfnode/core/json.h"
#include "support/process.h"
#include "support/wix_emulator.h"

namespace shelfnode::pull_test {

namespace support = shelfnode::testing;

inline constexpr const char* kGenV1Site = "6f1c7b52-9d3e-4a0b-8c21-0e5d2b9a1001";
inline constexpr const char* kGenV3Site = "6f1c7b52-9d3e-4a0b-8c21-0e5d2b9a3003";
inline constexpr const char* kGenKey = "IST.emulator-generated-catalog-key";

using Rows = std::vector<std::string>;

// The cached Wix rows as "sku|name|barcode|tracked" ('-' for none), in a fixed order.
inline constexpr const char* kWixRows =
    "SELECT sku || '|' || name || '|' || COALESCE(barcode, '-') || '|' ||"
    " COALESCE(track_quantity, '-') FROM catalog_items WHERE origin = 'wix' ORDER BY sku, name";

std::string describe(const support::RunResult& r);
bool contains(const std::string& text, const std::string& needle);
std::string text_of(const cJSON* node, const char* name);
std::int64_t int_of(const cJSON* node, const char* name);

// One emulator per suite. Subclasses choose its flags.
class PullTestBase : public ::testing::Test {
 protected:
  void SetUp() override;

  virtual std::vector<std::string> emulator_flags() const { return {}; }
  virtual std::unique_ptr<support::WixEmulator>& emulator() const = 0;

  // The data dir connected to `site` with `key` as `connect` would leave it, with the
  // client's rate limit at Wix's 200/min so a test never waits for it.
  void connect(const std::string& site, const std::string& key);

  support::RunResult run(const std::vector<std::string>& args) const;
  // Runs and expects exit 0; the output.
  std::string ok(const std::vector<std::string>& args) const;
  // `catalog pull --json` (plus `extra`), expected to succeed; its JSON.
  JsonPtr pull_json(const std::vector<std::string>& extra = {}) const;

  support::AdminAnswer admin(const std::string& method, const std::string& path,
                             const std::string& body = "") const;
  void inject(const std::string& fault_json) const;
  // Wix calls the emulator logged (no admin calls), oldest first, whose path starts with
  // `prefix`.
  std::vector<JsonPtr> requests(const std::string& prefix = "/") const;
  void clear_requests() const;

  // Rows of a one-column query on the data dir's database, as text ("<null>" for NULL).
  std::vector<std::string> column(const std::string& sql) const;
  // Replaces the emulator's sites with these fixture documents (JSON text) until the end of
  // the test; the next SetUp loads the shipped fixtures again.
  void load_fixtures(const std::vector<std::string>& docs);
  std::int64_t scalar(const std::string& sql) const;

  const std::string& dir() const { return data_.path(); }

  support::TempDir data_;
  bool fixtures_replaced_ = false;

 private:
  void TearDown() override;
};

// The text of a shipped fixture file (tools/wix-emulator/fixtures/NAME).
std::string shipped_fixture(const std::string& name);

template <typename Tag>
class PullTest : public PullTestBase {
 public:
  static void TearDownTestSuite() { emulator_.reset(); }

 protected:
  std::vector<std::string> emulator_flags() const override { return Tag::flags(); }
  std::unique_ptr<support::WixEmulator>& emulator() const override { return emulator_; }

 private:
  static std::unique_ptr<support::WixEmulator> emulator_;
};

template <typename Tag>
std::unique_ptr<support::WixEmulator> PullTest<Tag>::emulator_;

// A device connected to one of the emulator's stores before every test.
template <typename Tag>
class ConnectedPullTest : public PullTest<Tag> {
 protected:
  ConnectedPullTest(const char* site, const char* key) : site_(site), key_(key) {}
  void SetUp() override {
    PullTest<Tag>::SetUp();
    this->connect(site_, key_);
  }

 private:
  const char* site_;
  const char* key_;
};

// The shipped fixtures (V1 and V3 stores).
struct FixturesTag {
  static std::vector<std::string> flags() { return {}; }
};
// Generated stores past one page: 300 V1 products (exactly 3 pages of 100: the crawl must
// not ask for an empty 4th), 2500 V3 variants (3 pages of 1000, as many inventory items).
struct GeneratedTag {
  static std::vector<std::string> flags() {
    return {"--generate-v1", "300", "--generate-v3", "2500"};
  }
};

}  // namespace shelfnode::pull_test
