// The planner as a pure function: who is parked and why, who needs a read, and how the
// deltas are cut into the fewest calls.
#include "shelfnode/sync/planner.h"

#include <gtest/gtest.h>

#include <functional>
#include <map>

namespace shelfnode::sync {
namespace {

CatalogVariant variant(const std::string& sku, std::optional<bool> tracked = true,
                       const std::string& updated_at = "2026-01-01T00:00:00.000Z") {
  return CatalogVariant{WixVariant{sku, "p-" + sku, "v-" + sku}, tracked, updated_at};
}

OutboxRow row(const std::string& sku, std::optional<std::int64_t> confirmed) {
  OutboxRow r;
  r.sku = sku;
  r.confirmed = confirmed;
  r.variant = WixVariant{sku, "p-" + sku, "v-" + sku};
  return r;
}

// `n` managed SKUs, each confirmed at 10 in Wix, with target 10 + delta(i).
PlanInput many(int n, const std::function<std::int64_t(int)>& delta) {
  PlanInput in;
  for (int i = 0; i < n; ++i) {
    const std::string sku = "SKU-" + std::to_string(100000 + i);
    in.managed.push_back({sku, 10 + delta(i)});
    in.catalog[sku].push_back(variant(sku));
    in.rows[sku] = row(sku, 10);
  }
  return in;
}

std::size_t entries(const std::vector<Call>& calls) {
  std::size_t n = 0;
  for (const Call& c : calls) n += c.size();
  return n;
}

TEST(Planner, ParksWithAReasonTheOwnerCanActOn) {
  PlanInput in;
  in.managed = {{"MISSING", 3}, {"TWICE", 3}, {"UNTRACKED", 3}, {"UNKNOWN", 3}};
  in.catalog["TWICE"] = {variant("TWICE"), CatalogVariant{{"TWICE", "p2", "v2"}, true, ""}};
  in.catalog["UNTRACKED"] = {variant("UNTRACKED", false)};
  in.catalog["UNKNOWN"] = {variant("UNKNOWN", std::nullopt)};  // V3 before tracking is known
  const Plan plan = plan_round(in);
  ASSERT_EQ(plan.parked.size(), 3u);
  EXPECT_EQ(plan.parked[0].sku, "MISSING");
  EXPECT_EQ(plan.parked[0].reason, kNotInCatalog);
  EXPECT_EQ(plan.parked[1].sku, "TWICE");
  EXPECT_EQ(plan.parked[1].reason,
            "SKU is on 2 Wix variants; give each variant its own SKU in Wix");
  EXPECT_EQ(plan.parked[2].sku, "UNTRACKED");
  EXPECT_EQ(plan.parked[2].reason, kNotTracked);
  for (const ParkedSku& p : plan.parked) {
    EXPECT_TRUE(p.is_new);
    EXPECT_EQ(p.by, ParkedBy::kCatalog);
  }
  // Tracking unknown: the read decides (WixStock::tracked).
  ASSERT_EQ(plan.reads.size(), 1u);
  EXPECT_EQ(plan.reads[0].sku, "UNKNOWN");
  EXPECT_TRUE(plan.increments.empty());
  EXPECT_TRUE(plan.decrements.empty());
}

TEST(Planner, CatalogParkIsLiftedWhenTheCatalogIsFixed) {
  PlanInput in;
  in.managed = {{"A", 5}};
  in.catalog["A"] = {variant("A")};
  OutboxRow r = row("A", 2);
  r.parked_reason = kNotInCatalog;
  r.parked_by = ParkedBy::kCatalog;
  in.rows["A"] = r;
  const Plan plan = plan_round(in);
  EXPECT_TRUE(plan.parked.empty());
  ASSERT_EQ(plan.unpark.size(), 1u);
  ASSERT_EQ(plan.increments.size(), 1u);
  EXPECT_EQ(plan.increments[0][0].amount, 3);
}

TEST(Planner, WixParkStaysUntilTargetOrCatalogChangesOrRetry) {
  PlanInput in;
  in.managed = {{"A", 5}};
  in.catalog["A"] = {variant("A", true, "2026-01-01T00:00:00.000Z")};
  OutboxRow r = row("A", 2);
  r.parked_reason = "Wix refused the write (SOME_CODE)";
  r.parked_by = ParkedBy::kWix;
  r.parked_target = 5;
  r.parked_at = "2026-02-01T00:00:00.000Z";
  in.rows["A"] = r;

  Plan plan = plan_round(in);
  ASSERT_EQ(plan.parked.size(), 1u);
  EXPECT_FALSE(plan.parked[0].is_new);
  EXPECT_TRUE(plan.increments.empty());

  in.retry_parked = true;
  plan = plan_round(in);
  EXPECT_EQ(plan.unpark.size(), 1u);
  EXPECT_EQ(plan.increments.size(), 1u);

  in.retry_parked = false;
  in.managed[0].target = 6;  // a scan since: another amount may well be accepted
  plan = plan_round(in);
  EXPECT_EQ(plan.unpark.size(), 1u);

  in.managed[0].target = 5;
  in.catalog["A"][0].updated_at = "2026-03-01T00:00:00.000Z";  // catalog pull saw an edit
  plan = plan_round(in);
  EXPECT_EQ(plan.unpark.size(), 1u);
}

TEST(Planner, ReadsWhatIsUnknownOrInDoubt) {
  PlanInput in;
  in.managed = {{"NEW", 1}, {"NULL", 1}, {"DOUBT", 1}, {"FLIGHT", 1}, {"MOVED", 1}};
  for (const auto& m : in.managed) in.catalog[m.sku] = {variant(m.sku)};
  in.rows["NULL"] = row("NULL", std::nullopt);
  in.rows["DOUBT"] = row("DOUBT", 4);
  in.rows["DOUBT"].uncertain = true;
  in.rows["FLIGHT"] = row("FLIGHT", 4);
  in.rows["FLIGHT"].sent_target = 1;  // left by a process that died mid-call
  in.rows["MOVED"] = row("MOVED", 4);
  in.rows["MOVED"].variant.variant_id = "another";  // the SKU moved to another variant
  const Plan plan = plan_round(in);
  ASSERT_EQ(plan.reads.size(), 5u);
  std::map<std::string, bool> in_doubt;
  for (const ReadNeed& r : plan.reads) in_doubt[r.sku] = r.in_doubt;
  EXPECT_EQ(
      in_doubt,
      (std::map<std::string, bool>{
          {"NEW", false}, {"NULL", false}, {"DOUBT", true}, {"FLIGHT", true}, {"MOVED", false}}));
  EXPECT_EQ(plan.forget, std::vector<std::string>{"MOVED"});
  EXPECT_TRUE(plan.increments.empty());
  EXPECT_TRUE(plan.decrements.empty());
}

TEST(Planner, ConvergedIsANoOp) {
  const Plan plan = plan_round(many(50, [](int) { return 0; }));
  EXPECT_EQ(plan.converged.size(), 50u);
  EXPECT_TRUE(plan.increments.empty());
  EXPECT_TRUE(plan.decrements.empty());
  EXPECT_TRUE(plan.reads.empty());
}

TEST(Planner, BatchesAtThreeHundred) {
  for (int n : {1, 299, 300, 301, 600, 601, 1000}) {
    SCOPED_TRACE(n);
    const Plan plan = plan_round(many(n, [](int) { return 4; }));
    EXPECT_EQ(plan.increments.size(), static_cast<std::size_t>((n + 299) / 300));
    EXPECT_EQ(entries(plan.increments), static_cast<std::size_t>(n));
    for (const Call& c : plan.increments) EXPECT_LE(c.size(), 300u);
    EXPECT_TRUE(plan.decrements.empty());
  }
}

TEST(Planner, SplitsIncrementsFromDecrements) {
  // 301 up, 300 down, 99 unchanged.
  const Plan plan = plan_round(many(700, [](int i) { return i < 301 ? 2 : i < 601 ? -3 : 0; }));
  EXPECT_EQ(plan.increments.size(), 2u);
  EXPECT_EQ(entries(plan.increments), 301u);
  EXPECT_EQ(plan.decrements.size(), 1u);
  EXPECT_EQ(entries(plan.decrements), 300u);
  EXPECT_EQ(plan.converged.size(), 99u);
  for (const Call& c : plan.increments) {
    for (const PlannedEntry& e : c) EXPECT_EQ(e.amount, 2);
  }
  for (const PlannedEntry& e : plan.decrements[0]) {
    EXPECT_EQ(e.amount, 3);
    EXPECT_EQ(e.target, 7);
    EXPECT_EQ(e.confirmed, 10);
  }
}

TEST(Planner, AmountIsCappedAtWixsBound) {
  PlanInput in = many(1, [](int) { return 0; });
  in.managed[0].target = 150000;
  in.rows.begin()->second.confirmed = -40000;
  const Plan plan = plan_round(in);
  ASSERT_EQ(plan.increments.size(), 1u);
  EXPECT_EQ(plan.increments[0][0].amount, 99999);
}

TEST(Planner, UnmanagedRowsAreOnlyForgotten) {
  PlanInput in;
  in.managed = {{"A", 3}};
  in.catalog["A"] = {variant("A")};
  in.catalog["GONE"] = {variant("GONE")};
  in.rows["A"] = row("A", 3);
  in.rows["GONE"] = row("GONE", 8);  // its warehouse was unmapped
  in.rows["GONE"].uncertain = true;
  in.rows["IDLE"] = row("IDLE", std::nullopt);  // nothing to forget
  const Plan plan = plan_round(in);
  EXPECT_EQ(plan.forget, std::vector<std::string>{"GONE"});
  EXPECT_TRUE(plan.reads.empty());
  EXPECT_TRUE(plan.increments.empty());
  EXPECT_TRUE(plan.decrements.empty());
  EXPECT_EQ(plan.converged, std::vector<std::string>{"A"});
}

TEST(Planner, NothingManagedNothingPlanned) {
  PlanInput in;
  in.catalog["A"] = {variant("A")};
  const Plan plan = plan_round(in);
  EXPECT_TRUE(plan.reads.empty());
  EXPECT_TRUE(plan.increments.empty());
  EXPECT_TRUE(plan.decrements.empty());
  EXPECT_TRUE(plan.parked.empty());
}

}  // namespace
}  // namespace shelfnode::sync
