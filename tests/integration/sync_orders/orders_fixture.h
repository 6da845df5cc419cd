#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "shelfnode/core/clock.h"
#include "shelfnode/core/json.h"
#include "shelfnode/core/uuid.h"
#include "shelfnode/ledger/ledger.h"
#include "shelfnode/ledger/warehouses.h"
#include "shelfnode/store/database.h"
#include "shelfnode/store/schema.h"
#include "shelfnode/sync/orders_pull.h"
#include "shelfnode/wix/connection.h"
#include "shelfnode/wix/curl_transport.h"
#include "support/wix_emulator.h"

namespace shelfnode::sync::testing {

// The orders pull at library level against the emulator over HTTPS: a migrated database in a
// temp dir, warehouses `shop` (mapped) and `back` (not mapped), the catalog cache filled from
// the emulator's inventory, `wix.connected_at` set to the emulator's now. One emulator per
// suite (killed by PID when the suite ends), reset before every test.
class OrdersEmulatorTest : public ::testing::Test {
 public:
  static void TearDownTestSuite() {
    admin_transport_.reset();
    emulator_.reset();
  }

 protected:
  void SetUp() override;

  // Opens the connection to `site` and loads its catalog into the cache.
  void connect(const char* site, const char* key);

  Result<OrdersPullReport> pull() {
    return pull_orders(*db_, *ledger_, connection_->api(), config_, clock_);
  }

  // An admin call on one kept-alive connection; failures are test failures.
  static shelfnode::testing::AdminAnswer admin(const std::string& method, const std::string& path,
                                               const std::string& body = "");
  // An online checkout of `lines` (a JSON array) with extra top-level fields; the order.
  JsonPtr checkout(const std::string& lines, const std::string& extra = "");
  JsonPtr cancel(const std::string& order_id, bool restock);
  JsonPtr update_order(const std::string& order_id, const std::string& fields);

  void stock(const std::string& sku, std::int64_t warehouse, std::int64_t qty);
  std::int64_t qty(const std::string& sku, std::int64_t warehouse);
  void outbox(const std::string& sku, std::int64_t confirmed);
  std::int64_t confirmed(const std::string& sku);
  std::int64_t scalar(const std::string& sql);
  std::string meta(const std::string& key);

  static std::unique_ptr<shelfnode::testing::WixEmulator> emulator_;
  static std::unique_ptr<wix::CurlTransport> admin_transport_;

  std::string site_;
  shelfnode::testing::TempDir dir_;
  SystemClock clock_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<UuidGenerator> uuids_;
  std::unique_ptr<ledger::Ledger> ledger_;
  std::unique_ptr<wix::Connection> connection_;
  Config::Sync config_;
  std::int64_t shop_ = 0;
  std::int64_t back_ = 0;
};

// Text of a string member ("" when missing).
std::string text_of(const cJSON* node, const char* name);

}  // namespace shelfnode::sync::testing
