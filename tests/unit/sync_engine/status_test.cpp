// What `status` and `stock` can say about sync from the database alone.
#include "shelfnode/sync/status.h"

#include <gtest/gtest.h>

#include "unit/sync_engine/sync_fixture.h"

namespace shelfnode::sync::testing {
namespace {

TEST(SyncStatus, FromNothingToConvergedAndBack) {
  SyncFixture f(WixMode::kV3);
  const std::int64_t shop = f.warehouse("shop", true);
  f.product("A", 1);
  f.product("B", 1);
  f.clock.advance_ms(5000);
  const std::string first_scan = format_utc_ms(f.clock.now_ms());
  f.receive("A", shop, 4);
  f.clock.advance_ms(5000);
  f.receive("B", shop, 2);

  auto st = sync_status(f.db());
  ASSERT_TRUE(st.ok()) << st.status().message();
  EXPECT_EQ(st->managed, 2);
  EXPECT_EQ(st->queue_depth, 2);
  EXPECT_EQ(st->oldest_pending_change, first_scan);
  ASSERT_EQ(st->pending.size(), 2u);
  EXPECT_EQ(st->pending[0].text, "not read from Wix yet");
  EXPECT_EQ(st->last_round_at, "");

  ASSERT_TRUE(f.converge(1));
  st = sync_status(f.db());
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->queue_depth, 0);
  EXPECT_EQ(st->oldest_pending_change, "");
  EXPECT_EQ(st->uncertain, 0);
  EXPECT_NE(st->last_round_at, "");
  EXPECT_EQ(st->last_success_at, st->last_round_at);
  EXPECT_NE(st->last_reconcile_at, "");

  // A scan after the round is pending from the moment it was made.
  f.clock.advance_ms(60000);
  const std::string later = format_utc_ms(f.clock.now_ms());
  f.sell("B", shop, 1);
  st = sync_status(f.db());
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->queue_depth, 1);
  EXPECT_EQ(st->oldest_pending_change, later);
  ASSERT_EQ(st->pending.size(), 1u);
  EXPECT_EQ(st->pending[0].sku, "B");
  EXPECT_EQ(st->pending[0].text, "Wix shows 2, should show 1 (-1 to push)");
}

TEST(SyncStatus, ParkedUncertainAndDrift) {
  SyncFixture f(WixMode::kV1);
  const std::int64_t shop = f.warehouse("shop", true);
  f.product("A", 3);
  f.product("B", 3);
  f.receive("A", shop, 3);
  f.receive("B", shop, 3);
  f.receive("NOPE", shop, 1);  // not in the catalog
  auto r = f.round();
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->converged);
  auto st = sync_status(f.db());
  ASSERT_TRUE(st.ok());
  ASSERT_EQ(st->parked.size(), 1u);
  EXPECT_EQ(st->parked[0].sku, "NOPE");
  EXPECT_NE(st->parked[0].text.find("not in the Wix catalog"), std::string::npos);
  EXPECT_EQ(st->queue_depth, 1);

  // An uncertain write left by a round that could not settle (Wix went away).
  f.receive("A", shop, 1);
  f.wix.script({Fault::Kind::kAppliedUncertain});
  f.failing_pulls = 2;  // the caller's pull and the settle pull
  r = f.round();
  ASSERT_TRUE(r);
  st = sync_status(f.db());
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->uncertain, 1);
  EXPECT_EQ(st->queue_depth, 2);

  f.wix.admin_set("B", 30);
  RoundOptions reconcile;
  reconcile.reconcile = true;
  r = f.round(reconcile);
  ASSERT_TRUE(r);
  st = sync_status(f.db());
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->uncertain, 0);
  EXPECT_EQ(st->drift_found, 1);
  EXPECT_EQ(st->drift_repaired, 1);
  EXPECT_EQ(f.wix.quantity("A"), 4);
  EXPECT_EQ(f.wix.quantity("B"), 3);
}

TEST(SyncStatus, OneWordPerSku) {
  OutboxRow row;
  row.confirmed = 4;
  EXPECT_STREQ(sync_state(false, 4, &row), "unmanaged");
  EXPECT_STREQ(sync_state(true, 4, nullptr), "pending");
  EXPECT_STREQ(sync_state(true, 4, &row), "in_sync");
  EXPECT_STREQ(sync_state(true, 5, &row), "pending");
  row.sent_target = 5;
  EXPECT_STREQ(sync_state(true, 5, &row), "checking");
  row.parked_reason = "x";
  EXPECT_STREQ(sync_state(true, 5, &row), "parked");
}

}  // namespace
}  // namespace shelfnode::sync::testing
