// Each outcome class of a write (DESIGN §4.5) against the fake, in V1 and V3 shape.
#include <gtest/gtest.h>

#include "shelfnode/sync/planner.h"
#include "unit/sync_engine/sync_fixture.h"

namespace shelfnode::sync::testing {
namespace {

class Outcomes : public EngineTest {};

TEST_P(Outcomes, SuccessIsOneWriteAndNoRead) {
  synced_a();
  f.receive("A", shop, 2);
  f.sell("A", shop, 1);
  f.receive("A", shop, 3);
  auto r = f.round();
  ASSERT_TRUE(r && r->converged);
  EXPECT_EQ(r->calls.read, 0);
  EXPECT_EQ(r->calls.writes(), 1);
  EXPECT_EQ(r->calls.orders_pulls, 0);
  EXPECT_EQ(f.wix.quantity("A"), 9);
  EXPECT_EQ(f.row("A")->confirmed, 9);
}

TEST_P(Outcomes, ManyScansOfOneSkuAreOneEntry) {
  synced_a();
  for (int i = 0; i < 50; ++i) f.receive("A", shop, 1);
  auto r = f.round();
  ASSERT_TRUE(r && r->converged);
  EXPECT_EQ(r->calls.increment, 1);
  const auto writes = f.wix.api_writes("A");
  ASSERT_EQ(writes.size(), 1u);  // the first sync's read found 5 = target: no write then
  EXPECT_EQ(writes.back().after - writes.back().before, 50);
}

TEST_P(Outcomes, NotSentClearsTheMarkAndEndsPending) {
  synced_a();
  f.receive("A", shop, 3);
  f.wix.script({Fault::Kind::kNotSent});
  auto r = f.round();
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->converged);
  EXPECT_EQ(r->problem.code(), Code::kUnavailable);
  ASSERT_EQ(r->pending.size(), 1u);
  EXPECT_NE(r->pending[0].text.find("+3 to push"), std::string::npos) << r->pending[0].text;
  auto row = f.row("A");
  EXPECT_FALSE(row->in_flight());
  EXPECT_FALSE(row->uncertain);
  EXPECT_EQ(row->confirmed, 5);
  EXPECT_EQ(f.wix.quantity("A"), 5);
  r = f.round();
  ASSERT_TRUE(r && r->converged);
  EXPECT_EQ(f.wix.quantity("A"), 8);
}

TEST_P(Outcomes, UncertainAfterApplyIsReadBackNeverResent) {
  synced_a();
  f.receive("A", shop, 3);
  f.wix.script({Fault::Kind::kAppliedUncertain});
  auto r = f.round();
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->converged);  // settled in the same round
  EXPECT_EQ(r->settled, 1);
  EXPECT_EQ(f.wix.quantity("A"), 8);
  EXPECT_EQ(f.wix.api_writes("A").size(), 1u);  // +3, once
  EXPECT_TRUE(f.wix.violations().empty()) << f.wix.violations()[0];
}

TEST_P(Outcomes, UncertainNotAppliedIsReadBackThenFixed) {
  synced_a();
  f.receive("A", shop, 3);
  f.wix.script({Fault::Kind::kLostUncertain});
  auto r = f.round();
  ASSERT_TRUE(r && r->converged);
  EXPECT_EQ(f.wix.quantity("A"), 8);
  EXPECT_TRUE(f.wix.violations().empty());
  EXPECT_EQ(r->settled, 1);
}

TEST_P(Outcomes, RejectionParksWithWixsCodeUntilTheTargetChanges) {
  synced_a();
  f.receive("A", shop, 3);
  f.wix.script(Fault::reject(400, "SOME_RULE", "the amount looks odd"));
  auto r = f.round();
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->converged);
  ASSERT_EQ(r->parked.size(), 1u);
  EXPECT_NE(r->parked[0].text.find("SOME_RULE: the amount looks odd"), std::string::npos);
  EXPECT_EQ(f.row("A")->confirmed, 5);
  EXPECT_FALSE(f.row("A")->in_flight());
  // Not retried blindly.
  r = f.round();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->calls.writes(), 0);
  EXPECT_EQ(r->parked.size(), 1u);
  // A new target may well be accepted.
  f.receive("A", shop, 1);
  r = f.round();
  ASSERT_TRUE(r && r->converged);
  EXPECT_EQ(f.wix.quantity("A"), 9);
}

TEST_P(Outcomes, RetryFlagLiftsAWixPark) {
  synced_a();
  f.receive("A", shop, 3);
  f.wix.script(Fault::reject(400, "SOME_RULE", ""));
  ASSERT_TRUE(f.round());
  RoundOptions retry;
  retry.retry_parked = true;
  auto r = f.round(retry);
  ASSERT_TRUE(r && r->converged);
  EXPECT_EQ(f.wix.quantity("A"), 8);
}

TEST_P(Outcomes, RefusedDecrementIsSettled) {
  synced_a();
  f.sell("A", shop, 2);  // target 3: decrement 2
  // An online sale of 4 lands after the round's orders pull, just before our decrement.
  f.wix.script(Fault::sale_before(Op::kDecrement, "A", 4));
  auto r = f.round();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->refused, 1);
  EXPECT_TRUE(r->converged);
  EXPECT_TRUE(r->parked.empty());
  // The ledger took the online sale: 5 - 2 - 4 = -1, so Wix shows 0.
  EXPECT_EQ(f.target("A"), 0);
  EXPECT_EQ(f.wix.quantity("A"), 0);
  EXPECT_EQ(f.row("A")->confirmed, 0);
}

TEST_P(Outcomes, SiteLevelRefusalStopsTheRoundWithoutParking) {
  f.product("A", 5);
  f.product("B", 5);
  f.receive("A", shop, 6);
  f.receive("B", shop, 7);
  ASSERT_TRUE(f.converge(1));
  f.receive("A", shop, 1);
  f.receive("B", shop, 1);
  f.wix.script(Fault::reject(403, "PERMISSION_DENIED", ""));
  auto r = f.round();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->problem.code(), Code::kPermission);
  EXPECT_TRUE(r->parked.empty());
  EXPECT_EQ(r->pending.size(), 2u);
  EXPECT_FALSE(f.row("A")->in_flight());
  ASSERT_TRUE(f.converge(1));
  EXPECT_EQ(f.wix.quantity("A"), 7);
  EXPECT_EQ(f.wix.quantity("B"), 8);
}

TEST_P(Outcomes, WholeCallRefusalIsNarrowedToTheEntryWixObjectsTo) {
  for (const char* sku : {"A", "B", "C", "D"}) {
    f.product(sku, 0);
    f.receive(sku, shop, 10);
  }
  ASSERT_TRUE(f.converge(1));
  f.wix.admin_set("D", 99995);  // drift the device cannot know about: +5 will not fit
  for (const char* sku : {"A", "B", "C", "D"}) f.receive(sku, shop, 5);
  // The device still believes D is at 10 (no reconciliation this round).
  RoundOptions no_reconcile;
  no_reconcile.reconcile_interval_ms = 1LL << 40;
  auto r = f.round(no_reconcile);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->parked.size(), 1u);
  EXPECT_EQ(r->parked[0].sku, "D");
  EXPECT_NE(r->parked[0].text.find("MAX_QUANTITY_LIMIT_REACHED"), std::string::npos);
  for (const char* sku : {"A", "B", "C"}) EXPECT_EQ(f.wix.quantity(sku), 15) << sku;
  if (GetParam() == WixMode::kV1) {
    EXPECT_EQ(r->calls.increment, 5);  // all 4, then halves of 2, then D alone
  } else {
    EXPECT_EQ(r->calls.increment, 1);  // V3 answers per entry
  }
}

// V3 settles with an absolute set guarded by the revision read; a conflict means Wix moved
// since the read: read again and retry, three times per round.
// V1 has no revisions: this suite runs on the V3 shape only.
class V3Outcomes : public EngineTest {};

TEST_P(V3Outcomes, RevisionConflictsAreRetriedThreeTimes) {
  synced_a();
  f.receive("A", shop, 3);
  f.wix.script({Fault::Kind::kLostUncertain});
  for (int i = 0; i < 3; ++i) f.wix.script({Fault::Kind::kRevisionBump, Op::kSet});
  auto r = f.round();
  ASSERT_TRUE(r && r->converged);
  EXPECT_EQ(r->calls.set, 4);
  EXPECT_EQ(f.wix.quantity("A"), 8);

  f.receive("A", shop, 1);
  f.wix.script({Fault::Kind::kLostUncertain});
  for (int i = 0; i < 4; ++i) f.wix.script({Fault::Kind::kRevisionBump, Op::kSet});
  r = f.round();
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->converged);
  EXPECT_EQ(r->calls.set, 4);
  EXPECT_TRUE(f.row("A")->uncertain);
  r = f.round();
  ASSERT_TRUE(r && r->converged);
  EXPECT_EQ(f.wix.quantity("A"), 9);
  EXPECT_TRUE(f.wix.violations().empty());
}

INSTANTIATE_TEST_SUITE_P(Wix, Outcomes, ::testing::Values(WixMode::kV1, WixMode::kV3),
                         [](const auto& info) {
                           return info.param == WixMode::kV1 ? std::string("V1")
                                                             : std::string("V3");
                         });
INSTANTIATE_TEST_SUITE_P(Wix, V3Outcomes, ::testing::Values(WixMode::kV3),
                         [](const auto&) { return std::string("V3"); });

}  // namespace
}  // namespace shelfnode::sync::testing
