#pragma once

// Shared set-up for the `sync` command tests: the real binary against one emulator per test
// binary (HTTPS, test CA, default fixtures plus generated V1 and V3 sites of 1200 SKUs, no
// rate limit), reset before every test; each test gets a fresh data dir with warehouses shop
// and backroom (mapped) and depot (not mapped).

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "shelfnode/core/json.h"
#include "support/emulator_admin.h"
#include "support/process.h"
#include "support/wix_device.h"
#include "support/wix_emulator.h"

namespace shelfnode::sync_cli_test {

namespace support = shelfnode::testing;

inline constexpr int kGeneratedSkus = 1200;
inline constexpr const char* kGenV1Site = "6f1c7b52-9d3e-4a0b-8c21-0e5d2b9a1001";
inline constexpr const char* kGenV3Site = "6f1c7b52-9d3e-4a0b-8c21-0e5d2b9a3003";
inline constexpr const char* kGenKey = "IST.emulator-generated-catalog-key";

inline std::string describe(const support::RunResult& r) {
  return "exit " + std::to_string(r.exit_code) + "\n--- stdout:\n" + r.out + "--- stderr:\n" +
         r.err;
}

inline bool contains(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

inline const cJSON* member(const cJSON* o, const char* name) {
  return cJSON_GetObjectItemCaseSensitive(o, name);
}

inline std::string text_of(const cJSON* o, const char* name) {
  const cJSON* v = member(o, name);
  return cJSON_IsString(v) ? v->valuestring : "";
}

// A number member; -999999 (and a test failure) when missing.
inline std::int64_t int_of(const cJSON* o, const char* name) {
  const cJSON* v = member(o, name);
  if (!cJSON_IsNumber(v)) {
    ADD_FAILURE() << "JSON member '" << name << "' is missing or not a number";
    return -999999;
  }
  return static_cast<std::int64_t>(v->valuedouble);
}

// One `sync --json` run: its exit code, output and parsed JSON (null if none).
struct SyncRun {
  support::RunResult result;
  JsonPtr json;
};

// One Wix variant as the emulator shows it (V3: its default-location item).
struct WixRow {
  std::string product_id;
  std::string variant_id;
  std::string item_id;
  std::int64_t quantity = 0;
};

class SyncCliTest : public ::testing::Test {
 public:
  static void TearDownTestSuite() {
    admin_.reset();
    emulator_.reset();
  }

 protected:
  void SetUp() override {
    // Started here rather than in SetUpTestSuite, whose failure CTest would count as a pass.
    if (emulator_ == nullptr) {
      emulator_ = std::make_unique<support::WixEmulator>();
      const std::string why =
          emulator_->start({"--generate-v1", std::to_string(kGeneratedSkus), "--generate-v3",
                            std::to_string(kGeneratedSkus), "--rate-limit", "0"});
      ASSERT_TRUE(why.empty()) << why;
      admin_ = std::make_unique<support::EmulatorAdmin>(*emulator_);
    }
    ASSERT_EQ(admin("POST", "/_emulator/reset", "{}").status, 200);
  }

  const std::string& dir() const { return data_.path(); }

  support::RunResult sn(const std::vector<std::string>& args, const std::string& input = "") {
    return support::shelfnode(dir(), args, input);
  }

  // init, the three warehouses, `connect` to `site` with `key`, a device config that neither
  // waits on its own rate limit nor on seconds of backoff, and `catalog pull`.
  void connect_device(const std::string& site, const std::string& key) {
    for (const std::vector<std::string>& args :
         std::vector<std::vector<std::string>>{{"init"},
                                               {"warehouse", "add", "shop", "--mapped"},
                                               {"warehouse", "add", "backroom", "--mapped"},
                                               {"warehouse", "add", "depot"}}) {
      const support::RunResult r = sn(args);
      ASSERT_EQ(r.exit_code, 0) << describe(r);
    }
    const std::string why = support::connect_device(dir(), *emulator_, site, key);
    ASSERT_EQ(why, "");
    ASSERT_EQ(support::set_wix_config(dir(), 200, 20), "");
    const support::RunResult pull = sn({"catalog", "pull"});
    ASSERT_EQ(pull.exit_code, 0) << describe(pull);
  }

  // A command that must succeed.
  void ok(const std::vector<std::string>& args) {
    const support::RunResult r = sn(args);
    ASSERT_EQ(r.exit_code, 0) << describe(r);
  }

  // The V1 device most tests start from: connected, OAK-SHELF-60 counted at 5 in the shop,
  // and one round that made Wix show 5.
  void shelf_in_sync() {
    ASSERT_NO_FATAL_FAILURE(connect_device(support::kV1Site, support::kV1Key));
    ASSERT_NO_FATAL_FAILURE(ok({"count", "OAK-SHELF-60", "5", "--warehouse", "shop"}));
    const support::RunResult r = sn({"sync"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
  }

  // Every Wix call answers `kind` ("503", "drop", ...) until the faults are cleared.
  static void wix_down(const std::string& kind = "503") {
    ASSERT_EQ(admin("POST", "/_emulator/faults",
                    R"({"kind":")" + kind + R"(","path":"/*","count":100000})")
                  .status,
              200);
  }

  SyncRun sync(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{"sync", "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    SyncRun run{sn(args), nullptr};
    run.json = parse_json(run.result.out);
    EXPECT_NE(run.json, nullptr) << "`sync --json` printed no JSON: " << describe(run.result);
    return run;
  }

  // An admin call; a failed call is a test failure.
  static support::AdminAnswer admin(const std::string& method, const std::string& path,
                                    const std::string& body = "") {
    support::AdminAnswer a = admin_->call(method, path, body);
    EXPECT_NE(a.status, 0) << a.body;
    return a;
  }

  static JsonPtr admin_json(const std::string& method, const std::string& path,
                            const std::string& body = "") {
    std::string why;
    JsonPtr doc = admin_->json(method, path, body, why);
    EXPECT_NE(doc, nullptr) << why;
    return doc;
  }

  // The emulator's request log since it was last cleared.
  static JsonPtr requests() { return admin_json("GET", "/_emulator/requests"); }

  // What Wix holds per SKU (V3: the default-location item; a SKU on several variants keeps
  // the last).
  static std::map<std::string, WixRow> wix_rows(const std::string& site) {
    std::map<std::string, WixRow> rows;
    JsonPtr doc = admin_json("GET", "/_emulator/inventory?site=" + site);
    const cJSON* item = nullptr;
    cJSON_ArrayForEach(item, member(doc.get(), "items")) {
      const cJSON* is_default = member(item, "defaultLocation");
      if (cJSON_IsBool(is_default) && !cJSON_IsTrue(is_default)) continue;
      const cJSON* q = member(item, "quantity");
      rows[text_of(item, "sku")] = {
          text_of(item, "productId"), text_of(item, "variantId"), text_of(item, "inventoryItemId"),
          cJSON_IsNumber(q) ? static_cast<std::int64_t>(q->valuedouble) : 0};
    }
    return rows;
  }

  static std::unique_ptr<support::WixEmulator> emulator_;
  static std::unique_ptr<support::EmulatorAdmin> admin_;

 private:
  support::TempDir data_;
};

inline std::unique_ptr<support::WixEmulator> SyncCliTest::emulator_;
inline std::unique_ptr<support::EmulatorAdmin> SyncCliTest::admin_;

}  // namespace shelfnode::sync_cli_test
