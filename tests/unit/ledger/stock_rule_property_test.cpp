// The stock rule as a property: for random movement histories over random sets of mapped
// warehouses, what `stock_report` says Wix should show equals an independent model computed
// from the same history: target = max(0, Σ mapped), managed iff touched in a mapped warehouse.
#include <map>
#include <random>

#include "shelfnode/ledger/warehouses.h"
#include "support/ledger_fixture.h"

namespace shelfnode::ledger {
namespace {

TEST(StockRule, PureFunction) {
  EXPECT_FALSE(stock_target({}).managed);
  EXPECT_FALSE(stock_target({{"depot", false, 40}}).managed);
  StockTarget t = stock_target({{"shop", true, 3}, {"back", true, -5}, {"depot", false, 100}});
  EXPECT_TRUE(t.managed);
  EXPECT_EQ(t.mapped_sum, -2);
  EXPECT_EQ(t.target, 0);
  t = stock_target({{"shop", true, 0}});
  EXPECT_TRUE(t.managed);
  EXPECT_EQ(t.target, 0);
  EXPECT_EQ(stock_target({{"a", true, 2}, {"b", true, 5}}).target, 7);
}

class StockRuleProperty : public shelfnode::testing::LedgerFixture {};

struct Model {
  std::map<std::pair<std::string, int>, std::int64_t> qty;  // (sku, warehouse index)
};

TEST_F(StockRuleProperty, ReportMatchesModelOverRandomHistories) {
  const char* kNames[] = {"w0", "w1", "w2", "w3"};
  const char* kSkus[] = {"A", "B", "C", "D", "E", "F"};
  std::int64_t ids[4];
  for (int w = 0; w < 4; ++w) ids[w] = add_warehouse(*db_, kNames[w], false, clock_)->id;

  int clamped = 0, unmanaged = 0, checked = 0;
  for (unsigned seed = 1; seed <= 200; ++seed) {
    SCOPED_TRACE("seed=" + std::to_string(seed));
    std::mt19937 rng(seed);
    ASSERT_TRUE(db_->exec("DELETE FROM movements; DELETE FROM stock").ok());
    bool mapped[4];
    for (int w = 0; w < 4; ++w) {
      mapped[w] = rng() % 2 == 0;
      ASSERT_TRUE(set_mapped(*db_, kNames[w], mapped[w]).ok());
    }
    Model model;
    const int steps = 1 + static_cast<int>(rng() % 40);
    for (int i = 0; i < steps; ++i) {
      const std::string sku = kSkus[rng() % 6];
      const int w = static_cast<int>(rng() % 4);
      const int op = static_cast<int>(rng() % 4);
      const std::int64_t q = op == 2 ? static_cast<std::int64_t>(rng() % 15)
                                     : 1 + static_cast<std::int64_t>(rng() % 15);
      MovementRequest r{"c", sku, ids[w], MovementKind::kReceive, q, "prop", ""};
      auto& cell = model.qty[{sku, w}];
      if (op == 0) {
        cell += q;
      } else if (op == 1) {
        r.kind = MovementKind::kSell;
        cell -= q;
      } else if (op == 2) {
        r.kind = MovementKind::kCount;
        cell = q;
      } else {
        const int to = (w + 1 + static_cast<int>(rng() % 3)) % 4;
        r.kind = MovementKind::kMoveOut;
        record(r);
        cell -= q;
        r.kind = MovementKind::kMoveIn;
        r.warehouse_id = ids[to];
        model.qty[{sku, to}] += q;
      }
      record(r);
    }
    // Mapping changes after the fact must change targets, never the ledger.
    if (rng() % 3 == 0) {
      const int w = static_cast<int>(rng() % 4);
      mapped[w] = !mapped[w];
      ASSERT_TRUE(set_mapped(*db_, kNames[w], mapped[w]).ok());
    }

    auto report = stock_report(*db_);
    ASSERT_TRUE(report.ok());
    std::map<std::string, const SkuStock*> by_sku;
    for (const SkuStock& s : *report) by_sku[s.sku] = &s;
    for (const char* sku : kSkus) {
      bool managed = false;
      std::int64_t sum = 0;
      std::size_t rows = 0;
      for (int w = 0; w < 4; ++w) {
        auto it = model.qty.find({sku, w});
        if (it == model.qty.end()) continue;
        ++rows;
        if (mapped[w]) {
          managed = true;
          sum += it->second;
        }
      }
      if (rows == 0) {
        EXPECT_EQ(by_sku.count(sku), 0u) << sku;
        continue;
      }
      ASSERT_EQ(by_sku.count(sku), 1u) << sku;
      const SkuStock& got = *by_sku[sku];
      EXPECT_EQ(got.warehouses.size(), rows) << sku;
      for (const WarehouseStock& ws : got.warehouses) {
        const int w = ws.warehouse[1] - '0';
        EXPECT_EQ(ws.qty, (model.qty[{sku, w}])) << sku << " in " << ws.warehouse;
        EXPECT_EQ(ws.mapped, mapped[w]);
      }
      EXPECT_EQ(got.target.managed, managed) << sku;
      EXPECT_EQ(got.target.mapped_sum, managed ? sum : 0) << sku;
      EXPECT_EQ(got.target.target, sum < 0 ? 0 : sum) << sku;
      clamped += managed && sum < 0;
      unmanaged += !managed;
      ++checked;
    }
    // The stock table never drifts from the ledger it summarises.
    const std::int64_t drifted = scalar(
        "SELECT count(*) FROM (SELECT sku, warehouse_id, sum(delta) d FROM movements"
        " GROUP BY 1, 2) m JOIN stock s USING (sku, warehouse_id) WHERE s.qty <> m.d");
    EXPECT_EQ(drifted, 0);
  }
  // The histories must actually exercise the interesting cases.
  EXPECT_GT(clamped, 20);
  EXPECT_GT(unmanaged, 20);
  EXPECT_GT(checked, 500);
}

}  // namespace
}  // namespace shelfnode::ledger
