#include <vector>

#include "integration/sync_orders/orders_fixture.h"

namespace shelfnode::sync::testing {
namespace {

using shelfnode::testing::kV1Key;
using shelfnode::testing::kV1Site;

constexpr int kOrders = 105;  // more than one page of 100

// Many orders: paging, and faults in the middle of a pull.
class OrdersPaging : public OrdersEmulatorTest {
 protected:
  void SetUp() override {
    OrdersEmulatorTest::SetUp();
    if (HasFatalFailure()) return;
    connect(kV1Site, kV1Key);
    stock("OAK-SHELF-60", shop_, 500);
    outbox("OAK-SHELF-60", 12);  // what the emulator holds before the checkouts
    for (int i = 0; i < kOrders; ++i) {
      JsonPtr order = checkout(R"([{"sku":"OAK-SHELF-60","quantity":1}])", R"(,"force":true)");
      updated_.push_back(text_of(order.get(), "updatedDate"));
    }
  }

  void inject(const std::string& kind) {
    ASSERT_EQ(admin("POST", "/_emulator/faults",
                    R"({"kind":")" + kind +
                        R"(","path":"/ecom/v1/orders/search","method":"POST","skip":1})")
                  .status,
              200);
  }

  // The ledger agrees with itself after every pull, whole or broken off: one movement per
  // applied line, stock equal to the sum of movements, the cursor at an applied order.
  void expect_consistent(std::int64_t applied) {
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM wix_order_lines WHERE state = 'applied'"), applied);
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM movements WHERE kind = 'order'"), applied);
    EXPECT_EQ(scalar("SELECT COUNT(DISTINCT reference) FROM movements WHERE kind = 'order'"),
              applied);
    EXPECT_EQ(qty("OAK-SHELF-60", shop_), 500 - applied);
    EXPECT_EQ(confirmed("OAK-SHELF-60"), 12 - applied);
    EXPECT_EQ(meta("sync.orders_cursor"), updated_[static_cast<std::size_t>(applied) - 1]);
  }

  // A fault on the second search: the first page stays, the next pull finishes the job.
  void pull_through_fault(const std::string& kind) {
    inject(kind);
    auto broken = pull();
    ASSERT_FALSE(broken.ok());
    EXPECT_EQ(broken.status().code(), Code::kTemporary) << broken.status().message();
    expect_consistent(100);
    auto rest = pull();
    ASSERT_TRUE(rest.ok()) << rest.status().message();
    EXPECT_EQ(rest->lines_applied, kOrders - 100);
    expect_consistent(kOrders);
  }

  std::vector<std::string> updated_;
};

TEST_F(OrdersPaging, MoreThanOnePageIsFollowedToTheEnd) {
  auto r = pull();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->pages, 2);
  EXPECT_EQ(r->requests, 2);
  EXPECT_EQ(r->orders_seen, kOrders);
  EXPECT_EQ(r->lines_applied, kOrders);
  EXPECT_EQ(r->cursor, updated_.back());
  expect_consistent(kOrders);
  // The follow-up page carried only the paging cursor.
  JsonPtr log = parse_json(admin("GET", "/_emulator/requests").body);
  const cJSON* second = cJSON_GetArrayItem(cJSON_GetObjectItem(log.get(), "requests"), 1);
  ASSERT_NE(second, nullptr);
  const cJSON* body = cJSON_GetObjectItem(second, "body");
  const std::string sent = cJSON_IsString(body) ? body->valuestring : to_json_text(body);
  EXPECT_EQ(sent.find("filter"), std::string::npos) << sent;
  EXPECT_NE(sent.find("cursor"), std::string::npos) << sent;
}

TEST_F(OrdersPaging, ADroppedConnectionMidPullLosesNothingAndAppliesNothingTwice) {
  pull_through_fault("drop");
}

TEST_F(OrdersPaging, AServerErrorMidPullLosesNothingAndAppliesNothingTwice) {
  pull_through_fault("500");
}

}  // namespace
}  // namespace shelfnode::sync::testing
