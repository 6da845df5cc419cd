#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "shelfnode/core/json.h"
#include "shelfnode/ledger/warehouses.h"
#include "shelfnode/sync/orders_pull.h"
#include "support/ledger_fixture.h"
#include "sync/orders_cursor.h"
#include "unit/sync_orders/recorded_orders.h"
#include "unit/wix/fake_transport.h"

namespace shelfnode::sync::testing {

using wix::testing::FakeSleeper;
using wix::testing::FakeTransport;

inline constexpr const char* kConnected = "2026-11-01T00:00:00.000Z";

inline std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// The library against scripted Wix answers: recorded order bodies in, ledger rows out.
class OrdersPullTest : public shelfnode::testing::LedgerFixture {
 protected:
  void SetUp() override {
    LedgerFixture::SetUp();
    shop_ = ledger::add_warehouse(*db_, "shop", true, clock_).value().id;
    back_ = ledger::add_warehouse(*db_, "back", false, clock_).value().id;
    ASSERT_TRUE(store::set_meta(*db_, kConnectedAtKey, kConnected).ok());
    client_ = std::make_unique<wix::Client>(
        wix::Client::create({"https://wix.test", "site-1", "IST.orders-test-key"}, transport_)
            .value());
    retrying_ = std::make_unique<wix::RetryingClient>(*client_, limiter_, backoff_, sleeper_);
  }

  // One search answer holding `orders` (a JSON array's inside); `next` makes it not the last.
  void answer(const std::string& orders, const std::string& next = "") {
    const std::string paging = next.empty() ? R"({"next":null,"prev":null},"hasNext":false)"
                                            : R"({"next":")" + next + R"("},"hasNext":true)";
    transport_.push_status(
        200, R"({"orders":[)" + orders + R"(],"metadata":{"count":1,"cursors":)" + paging + "}}");
  }

  Result<OrdersPullReport> pull() {
    return pull_orders(*db_, *ledger_, *retrying_, config_, clock_);
  }

  void stock(const std::string& sku, std::int64_t warehouse, std::int64_t qty) {
    record({sku, sku, warehouse, ledger::MovementKind::kReceive, qty, "cli", ""});
  }
  std::int64_t qty(const std::string& sku, std::int64_t warehouse) {
    return ledger_->quantity(sku, warehouse).value();
  }
  void catalog(const std::string& sku, const std::string& product, const std::string& variant) {
    auto s = db_->prepare(
        "INSERT INTO catalog_items (origin, sku, name, product_id, variant_id, track_quantity,"
        " updated_at) VALUES ('wix', ?1, ?1, ?2, ?3, 1, 'now')");
    ASSERT_TRUE(s.ok());
    s->bind(1, sku).bind(2, product).bind(3, variant);
    ASSERT_TRUE(s->run().ok());
  }
  void outbox(const std::string& sku, std::int64_t confirmed) {
    auto s =
        db_->prepare("INSERT INTO wix_outbox (sku, confirmed, updated_at) VALUES (?1, ?2, 'now')");
    ASSERT_TRUE(s.ok());
    s->bind(1, sku).bind(2, confirmed);
    ASSERT_TRUE(s->run().ok());
  }
  std::int64_t confirmed(const std::string& sku) {
    auto s = db_->prepare("SELECT confirmed FROM wix_outbox WHERE sku = ?1");
    s->bind(1, sku);
    EXPECT_TRUE(*s->step());
    return s->int_at(0);
  }
  // "state|note|sku" of one recorded line, "" when not recorded.
  std::string line(const std::string& order, const std::string& line_id) {
    auto s = db_->prepare(
        "SELECT state, COALESCE(note, ''), COALESCE(sku, '') FROM wix_order_lines"
        " WHERE order_id = ?1 AND line_id = ?2");
    s->bind(1, order).bind(2, line_id);
    if (!*s->step()) return "";
    return s->text_at(0) + "|" + s->text_at(1) + "|" + s->text_at(2);
  }
  JsonPtr request_body(std::size_t i) {
    EXPECT_LT(i, transport_.requests.size());
    return parse_json(i < transport_.requests.size() ? transport_.requests[i].body : "");
  }

  FakeTransport transport_;
  FakeSleeper sleeper_{clock_};
  wix::RateLimiter limiter_{6000, clock_, sleeper_};
  wix::Backoff backoff_{7};
  std::unique_ptr<wix::Client> client_;
  std::unique_ptr<wix::RetryingClient> retrying_;
  Config::Sync config_;
  std::int64_t shop_ = 0;
  std::int64_t back_ = 0;
};

}  // namespace shelfnode::sync::testing
