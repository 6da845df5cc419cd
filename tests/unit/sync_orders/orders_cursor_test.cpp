#include "sync/orders_cursor.h"

#include <gtest/gtest.h>

#include "support/ledger_fixture.h"

namespace shelfnode::sync {
namespace {

class OrdersWindowTest : public testing::LedgerFixture {};

TEST_F(OrdersWindowTest, FirstPullStartsWhenTheDeviceWasConnected) {
  ASSERT_TRUE(store::set_meta(*db_, kConnectedAtKey, "2025-11-01T08:00:00.000Z").ok());
  auto w = load_orders_window(*db_, clock_);
  ASSERT_TRUE(w.ok()) << w.status().message();
  EXPECT_EQ(w->cursor, "2025-11-01T08:00:00.000Z");
  EXPECT_EQ(w->since, "2025-11-01T08:00:00.000Z");
  EXPECT_EQ(w->since_ms, *parse_utc_ms("2025-11-01T08:00:00.000Z"));
  EXPECT_EQ(*store::get_meta(*db_, kOrdersCursorKey).value(), "2025-11-01T08:00:00.000Z");
  EXPECT_EQ(*store::get_meta(*db_, kOrdersSinceKey).value(), "2025-11-01T08:00:00.000Z");
}

TEST_F(OrdersWindowTest, WithoutAConnectTimeItStartsNowAndKeepsThatStart) {
  auto w = load_orders_window(*db_, clock_);
  ASSERT_TRUE(w.ok()) << w.status().message();
  EXPECT_EQ(w->cursor, "2025-11-24T16:00:00.000Z");
  clock_.advance_ms(60'000);
  auto again = load_orders_window(*db_, clock_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->cursor, "2025-11-24T16:00:00.000Z");
  EXPECT_EQ(again->since, "2025-11-24T16:00:00.000Z");
}

TEST_F(OrdersWindowTest, AStoredCursorWinsAndSinceStaysPut) {
  ASSERT_TRUE(store::set_meta(*db_, kOrdersCursorKey, "2025-11-20T10:00:00.000Z").ok());
  ASSERT_TRUE(store::set_meta(*db_, kOrdersSinceKey, "2025-11-01T08:00:00.000Z").ok());
  ASSERT_TRUE(store::set_meta(*db_, kConnectedAtKey, "2025-11-02T08:00:00.000Z").ok());
  auto w = load_orders_window(*db_, clock_);
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w->cursor, "2025-11-20T10:00:00.000Z");
  EXPECT_EQ(w->since, "2025-11-01T08:00:00.000Z");
}

TEST_F(OrdersWindowTest, AnUnreadableCursorStartsOverFromTheConnectTime) {
  ASSERT_TRUE(store::set_meta(*db_, kOrdersCursorKey, "yesterday").ok());
  ASSERT_TRUE(store::set_meta(*db_, kConnectedAtKey, "not a time either").ok());
  auto w = load_orders_window(*db_, clock_);
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w->cursor, "2025-11-24T16:00:00.000Z");
  EXPECT_EQ(*store::get_meta(*db_, kOrdersCursorKey).value(), "2025-11-24T16:00:00.000Z");
}

}  // namespace
}  // namespace shelfnode::sync
