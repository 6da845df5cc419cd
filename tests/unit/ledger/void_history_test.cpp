#include <vector>

#include "shelfnode/ledger/history.h"
#include "shelfnode/ledger/void_movement.h"
#include "shelfnode/ledger/warehouses.h"
#include "support/ledger_fixture.h"

namespace shelfnode::ledger {
namespace {

class VoidHistoryTest : public shelfnode::testing::LedgerFixture {
 protected:
  void SetUp() override {
    LedgerFixture::SetUp();
    shop_ = add_warehouse(*db_, "shop", true, clock_)->id;
    depot_ = add_warehouse(*db_, "depot", false, clock_)->id;
  }
  Movement add(MovementKind kind, std::int64_t qty, std::int64_t w, std::string ref = "",
               std::string sku = "SKU-1") {
    clock_.advance_ms(1000);
    return record(MovementRequest{"code", std::move(sku), w, kind, qty, "test", std::move(ref)});
  }
  Result<std::vector<Voided>> void_it(const std::string& id, const std::string& why = "oops") {
    auto tx = store::Transaction::begin(*db_);
    EXPECT_TRUE(tx.ok());
    Result<std::vector<Voided>> v = void_movement(*db_, *ledger_, id, why, "test");
    EXPECT_TRUE((*tx)->commit().ok());
    return v;
  }
  std::vector<StoredMovement> walk(const MovementFilter& f) {
    std::vector<StoredMovement> out;
    Status s = each_movement(*db_, f, [&](const StoredMovement& m) {
      out.push_back(m);
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.message();
    return out;
  }
  std::int64_t shop_ = 0, depot_ = 0;
};

TEST_F(VoidHistoryTest, AVoidTakesTheChangeBackAndLinksBothRows) {
  add(MovementKind::kReceive, 5, shop_);
  const Movement sale = add(MovementKind::kSell, 2, shop_);
  Result<std::vector<Voided>> v = void_it(sale.id, "scanned twice");
  ASSERT_TRUE(v.ok()) << v.status().message();
  ASSERT_EQ(v->size(), 1u);
  EXPECT_EQ(v->front().compensation.delta, 2);
  EXPECT_EQ(v->front().compensation.stock_after, 5);
  EXPECT_EQ(*ledger_->quantity("SKU-1", shop_), 5);
  EXPECT_EQ(scalar("SELECT count(*) FROM movements"), 3) << "nothing is deleted";

  std::optional<StoredMovement> original = *find_movement(*db_, sale.id);
  ASSERT_TRUE(original);
  EXPECT_EQ(original->voided_by, v->front().compensation.id);
  std::optional<StoredMovement> undo = *find_movement(*db_, v->front().compensation.id);
  ASSERT_TRUE(undo);
  EXPECT_EQ(undo->kind, "void");
  EXPECT_EQ(undo->voids, sale.id);
  EXPECT_EQ(undo->note, "scanned twice");
  EXPECT_EQ(undo->warehouse, "shop");
}

TEST_F(VoidHistoryTest, VoidingTwiceAVoidOrAnOrderLineIsRefusedWithTheReason) {
  const Movement sale = add(MovementKind::kSell, 1, shop_);
  ASSERT_TRUE(void_it(sale.id).ok());
  Result<std::vector<Voided>> again = void_it(sale.id);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), Code::kBadData);
  EXPECT_NE(again.status().message().find("was already voided by"), std::string::npos);

  const std::string undo_id = (*find_movement(*db_, sale.id))->voided_by;
  Result<std::vector<Voided>> of_void = void_it(undo_id);
  ASSERT_FALSE(of_void.ok());
  EXPECT_NE(of_void.status().message().find("is itself a void"), std::string::npos);

  const Movement order = add(MovementKind::kOrder, 1, shop_, "order-9:line-1");
  Result<std::vector<Voided>> of_order = void_it(order.id);
  ASSERT_FALSE(of_order.ok());
  EXPECT_NE(of_order.status().message().find("online order line order-9:line-1"),
            std::string::npos);
  EXPECT_NE(of_order.status().message().find("cancel or refund the order in Wix"),
            std::string::npos);

  Result<std::vector<Voided>> unknown = void_it("01234567-89ab-7def-8123-456789abcdef");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), Code::kNotFound);
  EXPECT_EQ(*ledger_->quantity("SKU-1", shop_), -1) << "only the sale was undone; the order stays";
}

TEST_F(VoidHistoryTest, EitherHalfOfAMoveVoidsBoth) {
  add(MovementKind::kReceive, 10, shop_);
  auto tx = store::Transaction::begin(*db_);
  ASSERT_TRUE(tx.ok());
  const Movement out =
      *ledger_->record(MovementRequest{"code", "SKU-1", shop_, MovementKind::kMoveOut, 4, "t", ""});
  const Movement in =
      *ledger_->record(MovementRequest{"code", "SKU-1", depot_, MovementKind::kMoveIn, 4, "t", ""});
  ASSERT_TRUE((*tx)->commit().ok());
  Result<std::vector<Voided>> v = void_it(in.id);
  ASSERT_TRUE(v.ok()) << v.status().message();
  ASSERT_EQ(v->size(), 2u);
  EXPECT_EQ((*v)[0].original.id, in.id);
  EXPECT_EQ((*v)[1].original.id, out.id);
  EXPECT_EQ(*ledger_->quantity("SKU-1", shop_), 10);
  EXPECT_EQ(*ledger_->quantity("SKU-1", depot_), 0);
  EXPECT_FALSE(void_it(out.id).ok()) << "the other half went with it";
}

TEST_F(VoidHistoryTest, LastVoidableSkipsVoidsVoidedRowsOrdersAndOtherWarehouses) {
  const Movement first = add(MovementKind::kReceive, 3, shop_);
  const Movement second = add(MovementKind::kSell, 1, shop_);
  add(MovementKind::kReceive, 1, depot_);
  add(MovementKind::kOrder, 1, shop_, "o:1");
  EXPECT_EQ((*last_voidable(*db_, shop_))->id, second.id);
  ASSERT_TRUE(void_it(second.id).ok());
  EXPECT_EQ((*last_voidable(*db_, shop_))->id, first.id) << "a repeated undo walks back";
  ASSERT_TRUE(void_it(first.id).ok());
  EXPECT_FALSE(*last_voidable(*db_, shop_));
}

TEST_F(VoidHistoryTest, FiltersLimitAndOrder) {
  const Movement a = add(MovementKind::kReceive, 1, shop_);
  const Movement b = add(MovementKind::kReceive, 2, depot_);
  const Movement c = add(MovementKind::kReceive, 3, shop_, "", "SKU-2");
  MovementFilter all;
  std::vector<StoredMovement> rows = walk(all);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].id, c.id) << "newest first";
  all.newest_first = false;
  EXPECT_EQ(walk(all)[0].id, a.id);

  MovementFilter by_sku;
  by_sku.sku = "SKU-1";
  rows = walk(by_sku);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].id, b.id);

  MovementFilter by_warehouse;
  by_warehouse.warehouse_id = shop_;
  rows = walk(by_warehouse);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].id, a.id);

  MovementFilter since;
  since.since = b.at;
  rows = walk(since);
  ASSERT_EQ(rows.size(), 2u) << "--since includes its own instant";

  MovementFilter limited;
  limited.limit = 1;
  ASSERT_EQ(walk(limited).size(), 1u);

  MovementFilter stop;
  int seen = 0;
  Status s = each_movement(*db_, stop, [&](const StoredMovement&) {
    return ++seen == 2 ? bad_data("enough") : Status::Ok();
  });
  EXPECT_EQ(s.message(), "enough");
  EXPECT_EQ(seen, 2) << "an error from the callback stops the walk";
}

TEST_F(VoidHistoryTest, TheSchemaRefusesAVoidWithoutItsTargetAndATargetVoidedTwice) {
  const Movement sale = add(MovementKind::kSell, 1, shop_);
  EXPECT_FALSE(db_->exec("INSERT INTO movements (id, at, code, sku, warehouse_id, delta, kind,"
                         " source) VALUES ('x', 't', 'c', 'SKU-1', 1, 1, 'void', 'test')")
                   .ok());
  ASSERT_TRUE(void_it(sale.id).ok());
  const std::string dup = "INSERT INTO movements (id, at, code, sku, warehouse_id, delta, kind,"
                          " source, voids) VALUES ('y', 't', 'c', 'SKU-1', 1, 1, 'void', 'test', '" +
                          sale.id + "')";
  EXPECT_FALSE(db_->exec(dup.c_str()).ok());
}

}  // namespace
}  // namespace shelfnode::ledger
