#include "shelfnode/ledger/warehouses.h"
#include "support/ledger_fixture.h"

namespace shelfnode::ledger {
namespace {

class LedgerTest : public shelfnode::testing::LedgerFixture {
 protected:
  void SetUp() override {
    LedgerFixture::SetUp();
    shop_ = add_warehouse(*db_, "shop", true, clock_)->id;
    depot_ = add_warehouse(*db_, "depot", false, clock_)->id;
  }
  MovementRequest req(MovementKind kind, std::int64_t qty, std::int64_t w, std::string ref = "") {
    return MovementRequest{"code", "SKU-1", w, kind, qty, "test", std::move(ref)};
  }
  std::int64_t shop_ = 0, depot_ = 0;
};

TEST_F(LedgerTest, SignedDeltasAndRunningStock) {
  EXPECT_EQ(record(req(MovementKind::kReceive, 5, shop_)).delta, 5);
  Movement m = record(req(MovementKind::kSell, 7, shop_));
  EXPECT_EQ(m.delta, -7);
  EXPECT_EQ(m.stock_after, -2);
  EXPECT_EQ(*ledger_->quantity("SKU-1", shop_), -2);
  EXPECT_EQ(*ledger_->quantity("SKU-1", depot_), 0);
  EXPECT_EQ(record(req(MovementKind::kOrder, 1, shop_)).delta, -1);
  EXPECT_EQ(record(req(MovementKind::kOrderCancel, 1, shop_)).delta, 1);
  EXPECT_EQ(record(req(MovementKind::kMoveOut, 2, shop_)).delta, -2);
  EXPECT_EQ(record(req(MovementKind::kMoveIn, 2, depot_)).delta, 2);
}

TEST_F(LedgerTest, CountIsAbsolute) {
  record(req(MovementKind::kReceive, 5, shop_));
  Movement m = record(req(MovementKind::kCount, 3, shop_));
  EXPECT_EQ(m.delta, -2);
  EXPECT_EQ(m.stock_after, 3);
  m = record(req(MovementKind::kCount, 3, shop_));
  EXPECT_EQ(m.delta, 0);  // a stocktake that confirms stock is still recorded
  m = record(req(MovementKind::kCount, 0, depot_));
  EXPECT_EQ(m.delta, 0);
  EXPECT_EQ(scalar("SELECT count(*) FROM stock WHERE warehouse_id = 2"), 1)
      << "counting zero makes the SKU managed there";
}

TEST_F(LedgerTest, EveryMovementHasAUuidAndTime) {
  Movement m = record(req(MovementKind::kReceive, 1, shop_));
  EXPECT_TRUE(is_uuid(m.id));
  EXPECT_EQ(m.at, "2025-11-24T16:00:00.000Z");
  EXPECT_EQ(scalar("SELECT count(*) FROM movements WHERE kind = 'receive' AND source = 'test'"), 1);
}

TEST_F(LedgerTest, AReferenceIsRecordedOnlyOnce) {
  Movement first = record(req(MovementKind::kOrder, 2, shop_, "order-1:line-1"));
  EXPECT_FALSE(first.duplicate);
  Movement again = record(req(MovementKind::kOrder, 2, shop_, "order-1:line-1"));
  EXPECT_TRUE(again.duplicate);
  EXPECT_EQ(*ledger_->quantity("SKU-1", shop_), -2);
  EXPECT_EQ(scalar("SELECT count(*) FROM movements"), 1);
}

TEST_F(LedgerTest, QuantityBounds) {
  auto tx = store::Transaction::begin(*db_);
  EXPECT_EQ(ledger_->record(req(MovementKind::kReceive, 0, shop_)).status().code(), Code::kUsage);
  EXPECT_EQ(ledger_->record(req(MovementKind::kSell, kMaxQuantity + 1, shop_)).status().code(),
            Code::kUsage);
  EXPECT_EQ(ledger_->record(req(MovementKind::kCount, -1, shop_)).status().code(), Code::kUsage);
  EXPECT_TRUE(ledger_->record(req(MovementKind::kReceive, kMaxQuantity, shop_)).ok());
}

TEST_F(LedgerTest, RolledBackMovementsLeaveNoTrace) {
  {
    auto tx = store::Transaction::begin(*db_);
    ASSERT_TRUE(ledger_->record(req(MovementKind::kReceive, 4, shop_)).ok());
  }
  EXPECT_EQ(scalar("SELECT count(*) FROM movements"), 0);
  EXPECT_EQ(scalar("SELECT count(*) FROM stock"), 0);
}

}  // namespace
}  // namespace shelfnode::ledger
