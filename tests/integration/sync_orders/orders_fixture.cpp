#include "integration/sync_orders/orders_fixture.h"

#include "support/migrated_db.h"
#include "sync/orders_cursor.h"

namespace shelfnode::sync::testing {

std::unique_ptr<shelfnode::testing::WixEmulator> OrdersEmulatorTest::emulator_;
std::unique_ptr<wix::CurlTransport> OrdersEmulatorTest::admin_transport_;

std::string text_of(const cJSON* node, const char* name) {
  const cJSON* v = cJSON_GetObjectItemCaseSensitive(node, name);
  return cJSON_IsString(v) ? v->valuestring : "";
}

void OrdersEmulatorTest::SetUp() {
  // Started here rather than in SetUpTestSuite: a failure there only marks the tests
  // skipped, which CTest counts as passing.
  if (emulator_ == nullptr) {
    emulator_ = std::make_unique<shelfnode::testing::WixEmulator>();
    const std::string why = emulator_->start();
    ASSERT_TRUE(why.empty()) << why;
    wix::CurlOptions options;
    options.ca_file = emulator_->ca_file();
    admin_transport_ = std::make_unique<wix::CurlTransport>(options);
  }
  ASSERT_EQ(admin("POST", "/_emulator/reset", "{}").status, 200);
  ASSERT_NO_FATAL_FAILURE(shelfnode::testing::open_migrated_db(dir_.file("shelfnode.db"), db_));
  auto uuids = UuidGenerator::create(clock_);
  ASSERT_TRUE(uuids.ok());
  uuids_ = std::move(uuids).value();
  ledger_ = std::make_unique<ledger::Ledger>(*db_, *uuids_, clock_);
  shop_ = ledger::add_warehouse(*db_, "shop", true, clock_).value().id;
  back_ = ledger::add_warehouse(*db_, "back", false, clock_).value().id;
}

void OrdersEmulatorTest::connect(const char* site, const char* key) {
  site_ = site;
  wix::ConnectionSettings settings;
  settings.base_url = emulator_->url();
  settings.site_id = site;
  settings.api_key = key;
  settings.ca_file = emulator_->ca_file();
  settings.requests_per_minute = 6000;
  auto c = wix::Connection::open(settings, clock_);
  ASSERT_TRUE(c.ok()) << c.status().message();
  connection_ = std::move(c).value();

  // The catalog cache as `catalog pull` would leave it (one row per Wix variant).
  JsonPtr inventory = parse_json(admin("GET", "/_emulator/inventory?site=" + site_).body);
  const cJSON* item = nullptr;
  cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(inventory.get(), "items")) {
    auto s = db_->prepare(
        "INSERT OR IGNORE INTO catalog_items (origin, sku, name, product_id, variant_id,"
        " track_quantity, updated_at) VALUES ('wix', ?1, ?2, ?3, ?4, 1, 'now')");
    ASSERT_TRUE(s.ok());
    s->bind(1, text_of(item, "sku")).bind(2, text_of(item, "productName"));
    s->bind(3, text_of(item, "productId")).bind(4, text_of(item, "variantId"));
    ASSERT_TRUE(s->run().ok());
  }
  ASSERT_GT(scalar("SELECT COUNT(*) FROM catalog_items"), 5);

  JsonPtr now = parse_json(admin("GET", "/_emulator/clock").body);
  const std::string connected = text_of(now.get(), "now");
  ASSERT_TRUE(parse_utc_ms(connected).has_value()) << connected;
  ASSERT_TRUE(store::set_meta(*db_, kConnectedAtKey, connected).ok());
}

shelfnode::testing::AdminAnswer OrdersEmulatorTest::admin(const std::string& method,
                                                          const std::string& path,
                                                          const std::string& body) {
  wix::HttpRequest request{
      method, emulator_->url() + path, {{"Content-Type", "application/json"}}, body};
  auto sent = admin_transport_->send(request);
  EXPECT_TRUE(sent.ok()) << sent.status().message();
  if (!sent.ok()) return {0, sent.status().message()};
  return {sent->status, sent->body};
}

namespace {

JsonPtr order_of(const shelfnode::testing::AdminAnswer& answer) {
  EXPECT_EQ(answer.status, 200) << answer.body;
  JsonPtr body = parse_json(answer.body);
  JsonPtr order(cJSON_DetachItemFromObjectCaseSensitive(body.get(), "order"));
  EXPECT_NE(order, nullptr) << answer.body;
  return order;
}

}  // namespace

JsonPtr OrdersEmulatorTest::checkout(const std::string& lines, const std::string& extra) {
  return order_of(admin("POST", "/_emulator/checkout",
                        R"({"siteId":")" + site_ + R"(","lines":)" + lines + extra + "}"));
}

JsonPtr OrdersEmulatorTest::cancel(const std::string& order_id, bool restock) {
  return order_of(admin("POST", "/_emulator/cancel",
                        R"({"siteId":")" + site_ + R"(","orderId":")" + order_id +
                            R"(","restock":)" + (restock ? "true" : "false") + "}"));
}

JsonPtr OrdersEmulatorTest::update_order(const std::string& order_id, const std::string& fields) {
  return order_of(
      admin("POST", "/_emulator/orders/update",
            R"({"siteId":")" + site_ + R"(","orderId":")" + order_id + R"(",)" + fields + "}"));
}

void OrdersEmulatorTest::stock(const std::string& sku, std::int64_t warehouse, std::int64_t qty) {
  auto tx = store::Transaction::begin(*db_);
  ASSERT_TRUE(tx.ok());
  auto m = ledger_->record({sku, sku, warehouse, ledger::MovementKind::kCount, qty, "cli", ""});
  ASSERT_TRUE(m.ok()) << m.status().message();
  ASSERT_TRUE((*tx)->commit().ok());
}

std::int64_t OrdersEmulatorTest::qty(const std::string& sku, std::int64_t warehouse) {
  return ledger_->quantity(sku, warehouse).value();
}

void OrdersEmulatorTest::outbox(const std::string& sku, std::int64_t confirmed) {
  auto s = db_->prepare("INSERT INTO wix_outbox (sku, confirmed, updated_at) VALUES (?1, ?2, 'x')");
  ASSERT_TRUE(s.ok());
  s->bind(1, sku).bind(2, confirmed);
  ASSERT_TRUE(s->run().ok());
}

std::int64_t OrdersEmulatorTest::confirmed(const std::string& sku) {
  return scalar("SELECT confirmed FROM wix_outbox WHERE sku = '" + sku + "'");
}

std::int64_t OrdersEmulatorTest::scalar(const std::string& sql) {
  auto s = db_->prepare(sql);
  EXPECT_TRUE(s.ok()) << sql;
  if (!s.ok()) return -1;
  auto row = s->step();
  EXPECT_TRUE(row.ok() && *row) << sql;
  return row.ok() && *row ? s->int_at(0) : -1;
}

std::string OrdersEmulatorTest::meta(const std::string& key) {
  auto v = store::get_meta(*db_, key);
  EXPECT_TRUE(v.ok());
  return v.ok() && *v ? **v : "";
}

}  // namespace shelfnode::sync::testing
