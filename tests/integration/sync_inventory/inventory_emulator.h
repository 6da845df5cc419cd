#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "integration/wix/emulator_fixture.h"
#include "shelfnode/core/clock.h"
#include "shelfnode/core/json.h"
#include "shelfnode/sync/inventory_api.h"
#include "shelfnode/wix/connection.h"

namespace shelfnode::sync::testing {

inline std::string text_of(const cJSON* node, const char* name) {
  const cJSON* v = cJSON_GetObjectItemCaseSensitive(node, name);
  return cJSON_IsString(v) ? v->valuestring : "";
}

inline double number_of(const cJSON* node, const char* name) {
  return cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(node, name));
}

// The inventory layer over HTTPS against the emulator (one per suite, reset before every
// test), on a wix::Connection built directly: no data dir, no `connect`.
class InventoryEmulatorTest : public wix::testing::EmulatorTest {
 protected:
  void open(const char* site, const char* key) {
    site_ = site;
    wix::ConnectionSettings settings;
    settings.base_url = url_;
    settings.site_id = site;
    settings.api_key = key;
    settings.ca_file = ca_file_;
    settings.requests_per_minute = 6000;
    settings.backoff.base_ms = 20;  // a retried 503 should not slow the suite down
    auto c = wix::Connection::open(settings, clock_);
    ASSERT_TRUE(c.ok()) << c.status().message();
    connection_ = std::move(c).value();
  }

  // What the emulator holds (`GET /_emulator/inventory`): one row per item.
  JsonPtr truth() const {
    JsonPtr t = parse_json(admin("GET", "/_emulator/inventory?site=" + site_).body);
    EXPECT_TRUE(t != nullptr);
    return t;
  }
  // The row of `sku` (at the default location on V3); null when there is none.
  static const cJSON* row(const cJSON* truth, const std::string& sku) {
    const cJSON* item = nullptr;
    cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(truth, "items")) {
      const cJSON* def = cJSON_GetObjectItemCaseSensitive(item, "defaultLocation");
      if (text_of(item, "sku") == sku && !cJSON_IsFalse(def)) return item;
    }
    return nullptr;
  }
  WixVariant variant(const std::string& sku) const {
    JsonPtr t = truth();
    const cJSON* r = row(t.get(), sku);
    EXPECT_NE(r, nullptr) << sku;
    return {sku, text_of(r, "productId"), text_of(r, "variantId")};
  }
  std::int64_t quantity(const std::string& sku) const {
    JsonPtr t = truth();
    const cJSON* r = row(t.get(), sku);
    EXPECT_NE(r, nullptr) << sku;
    return static_cast<std::int64_t>(number_of(r, "quantity"));
  }
  // Whether the emulator quantity-tracks the SKU's variant (its truth row's trackQuantity).
  bool tracked(const std::string& sku) const {
    JsonPtr t = truth();
    const cJSON* r = row(t.get(), sku);
    EXPECT_NE(r, nullptr) << sku;
    return cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "trackQuantity"));
  }
  std::string item_field(const std::string& sku, const char* name) const {
    JsonPtr t = truth();
    return text_of(row(t.get(), sku), name);
  }

  // Every applied inventory write since the reset (`GET /_emulator/writes`).
  JsonPtr writes() const {
    return parse_json(admin("GET", "/_emulator/writes?site=" + site_).body);
  }
  static int count(const cJSON* list_holder, const char* name) {
    return cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(list_holder, name));
  }
  // Requests Wix saw on `path` (the request log, faults included).
  int requests_to(const std::string& path) const {
    JsonPtr r = parse_json(admin("GET", "/_emulator/requests?path=" + path).body);
    return count(r.get(), "requests");
  }

  wix::RetryingClient& api() { return connection_->api(); }

  std::string site_;
  SystemClock clock_;
  std::unique_ptr<wix::Connection> connection_;
};

}  // namespace shelfnode::sync::testing
