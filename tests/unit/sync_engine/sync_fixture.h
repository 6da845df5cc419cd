#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <memory>
#include <optional>
#include <string>

#include "shelfnode/core/clock.h"
#include "shelfnode/core/logger.h"
#include "shelfnode/core/uuid.h"
#include "shelfnode/ledger/ledger.h"
#include "shelfnode/ledger/warehouses.h"
#include "shelfnode/store/database.h"
#include "shelfnode/sync/engine.h"
#include "shelfnode/sync/outbox.h"
#include "support/migrated_db.h"
#include "support/process.h"
#include "unit/sync_engine/fake_wix.h"

namespace shelfnode::sync::testing {

// A data dir with a ledger, a FakeWix, a faithful double of the orders pull, and rounds that
// survive simulated crashes: a crash drops the engine and the database handle and reopens it,
// so only what was committed carries on.
class SyncFixture {
 public:
  explicit SyncFixture(WixMode mode = WixMode::kV1) : wix(mode) {
    logger().set_level(LogLevel::kError);  // the engine's info lines would drown the output
    open();
  }

  void open() {
    ledger_.reset();
    db_.reset();
    ASSERT_NO_FATAL_FAILURE(shelfnode::testing::open_migrated_db(dir_.file("shelfnode.db"), db_));
    // Crashes here are simulated at transaction boundaries, not power cuts: skip the fsyncs.
    ASSERT_TRUE(db_->exec("PRAGMA synchronous=OFF").ok());
    if (!uuids_) {
      auto uuids = UuidGenerator::create(clock);
      ASSERT_TRUE(uuids.ok());
      uuids_ = std::move(uuids).value();
    }
    ledger_ = std::make_unique<ledger::Ledger>(*db_, *uuids_, clock);
    sqlite3_commit_hook(db_->handle(), &SyncFixture::commit_hook, this);
  }

  store::Database& db() { return *db_; }

  std::int64_t warehouse(const std::string& name, bool mapped) {
    auto w = ledger::add_warehouse(*db_, name, mapped, clock);
    EXPECT_TRUE(w.ok()) << w.status().message();
    return w.ok() ? w->id : 0;
  }
  void map(const std::string& name, bool mapped) {
    EXPECT_TRUE(ledger::set_mapped(*db_, name, mapped).ok());
  }

  // An origin-'wix' catalog row, as `catalog pull` would write it.
  void catalog(const std::string& sku, std::optional<bool> tracked = true,
               const std::string& product = "", const std::string& variant = "") {
    auto s = db_->prepare(
        "INSERT INTO catalog_items (origin, sku, name, product_id, variant_id, track_quantity,"
        " updated_at) VALUES ('wix', ?1, ?1, ?2, ?3, ?4, ?5)");
    ASSERT_TRUE(s.ok());
    s->bind(1, sku).bind(2, product.empty() ? "p-" + sku : product);
    s->bind(3, variant.empty() ? "v-" + sku : variant);
    if (tracked) {
      s->bind(4, std::int64_t{*tracked ? 1 : 0});
    } else {
      s->bind_null(4);
    }
    s->bind(5, format_utc_ms(clock.now_ms()));
    ASSERT_TRUE(s->run().ok());
  }

  // A SKU in the catalog and in Wix with `in_wix`.
  void product(const std::string& sku, std::int64_t in_wix) {
    catalog(sku);
    wix.add(sku, in_wix);
  }

  void move(const std::string& sku, std::int64_t warehouse_id, ledger::MovementKind kind,
            std::int64_t qty) {
    auto tx = store::Transaction::begin(*db_);
    ASSERT_TRUE(tx.ok());
    auto m = ledger_->record({sku, sku, warehouse_id, kind, qty, "test", ""});
    ASSERT_TRUE(m.ok()) << m.status().message();
    ASSERT_TRUE((*tx)->commit().ok());
  }
  void receive(const std::string& sku, std::int64_t w, std::int64_t q) {
    move(sku, w, ledger::MovementKind::kReceive, q);
  }
  void sell(const std::string& sku, std::int64_t w, std::int64_t q) {
    move(sku, w, ledger::MovementKind::kSell, q);
  }
  void count(const std::string& sku, std::int64_t w, std::int64_t q) {
    move(sku, w, ledger::MovementKind::kCount, q);
  }

  // The orders pull, as src/sync/README.md step 1 describes it: each new line of a managed
  // SKU becomes an `order` movement in the fulfilment warehouse (the first mapped one) with
  // reference order:line, and `confirmed` (when known) drops with it; a cancellation
  // reverses an applied line, and `confirmed` rises by what Wix restocked.
  Status pull() {
    ++pulls;
    if (failing_pulls > 0) {
      --failing_pulls;
      return Status(Code::kUnavailable, "orders: Wix unreachable (fake)");
    }
    const std::vector<FakeOrderLine> lines = wix.orders();
    auto tx = store::Transaction::begin(*db_);
    if (!tx.ok()) return tx.status();
    for (const FakeOrderLine& line : lines) SHELFNODE_RETURN_IF_ERROR(apply_line(line));
    SHELFNODE_RETURN_IF_ERROR((*tx)->commit());
    wix.drop_orders(lines.size());
    return Status::Ok();
  }

  // One round; a simulated crash (or a lost commit) reopens the database. Returns the
  // report, or nothing when the round died.
  std::optional<RoundReport> round(RoundOptions options = {}) {
    clock.advance_ms(1000);
    Status first = pull();  // the caller's pull, before run()
    options.orders_pulled = first.ok();
    try {
      Engine engine(*db_, wix, clock, [this] { return pull(); });
      Result<RoundReport> r = engine.run(options);
      if (!r.ok()) {
        ++crashes;
        open();
        return std::nullopt;
      }
      return std::move(r).value();
    } catch (const SimulatedCrash&) {
      ++crashes;
      open();
      return std::nullopt;
    }
  }

  // Rounds until one reports converged (at most `max_rounds`).
  std::optional<RoundReport> converge(int max_rounds = 6, RoundOptions options = {}) {
    for (int i = 0; i < max_rounds; ++i) {
      std::optional<RoundReport> r = round(options);
      if (r && r->converged) return r;
    }
    return std::nullopt;
  }

  // No reconciliation unless asked for: its read-back would repair what a test means to see.
  void never_reconcile() {
    ASSERT_TRUE(db_->exec("INSERT OR REPLACE INTO meta (key, value) VALUES"
                          " ('sync.last_reconcile_at', '9999-12-31T00:00:00.000Z')")
                    .ok());
  }

  std::optional<OutboxRow> row(const std::string& sku) {
    auto rows = load_outbox(*db_);
    EXPECT_TRUE(rows.ok());
    auto it = rows->find(sku);
    if (it == rows->end()) return std::nullopt;
    return it->second;
  }

  std::int64_t scalar(const std::string& sql) {
    auto s = db_->prepare(sql);
    EXPECT_TRUE(s.ok()) << sql;
    EXPECT_TRUE(*s->step());
    return s->int_at(0);
  }

  std::int64_t target(const std::string& sku) {
    return scalar(
        "SELECT max(0, COALESCE(sum(s.qty), 0)) FROM stock s JOIN warehouses w"
        " ON w.id = s.warehouse_id WHERE w.mapped = 1 AND s.sku = '" +
        sku + "'");
  }

  FakeClock clock{1764000000000};
  FakeWix wix;
  int pulls = 0;
  int failing_pulls = 0;
  int crashes = 0;

 private:
  static int commit_hook(void* self) {
    return static_cast<SyncFixture*>(self)->wix.take_commit_failure() ? 1 : 0;
  }

  Status exec_bound(const char* sql, const std::string& sku, std::int64_t n) {
    auto s = db_->prepare(sql);
    if (!s.ok()) return s.status();
    s->bind(1, sku).bind(2, n);
    return s->run();
  }

  Status apply_line(const FakeOrderLine& line) {
    const std::string ref = line.order_id + ":" + line.line_id;
    std::int64_t warehouse_id = 0;
    if (!line.canceled) {
      warehouse_id = scalar(
          "SELECT COALESCE((SELECT id FROM warehouses WHERE mapped = 1 ORDER BY id LIMIT 1), 0)");
      const bool managed =
          scalar(
              "SELECT count(*) FROM stock s JOIN warehouses w ON w.id = s.warehouse_id"
              " WHERE w.mapped = 1 AND s.sku = '" +
              line.sku + "'") > 0;
      if (warehouse_id == 0 || !managed) return Status::Ok();  // skipped, as Wix leaves it
    } else {
      warehouse_id = scalar(
          "SELECT COALESCE((SELECT warehouse_id FROM movements WHERE reference"
          " = '" +
          ref + "'), 0)");
      if (warehouse_id == 0) return Status::Ok();  // the line was never applied
    }
    ledger::MovementRequest m{
        line.sku,
        line.sku,
        warehouse_id,
        line.canceled ? ledger::MovementKind::kOrderCancel : ledger::MovementKind::kOrder,
        line.quantity,
        "wix:order",
        line.canceled ? ref + ":cancel" : ref};
    Result<ledger::Movement> moved = ledger_->record(m);
    if (!moved.ok()) return moved.status();
    if (moved->duplicate) return Status::Ok();
    const std::int64_t by = line.canceled ? line.restock : -line.quantity;
    return exec_bound(
        "UPDATE wix_outbox SET confirmed = confirmed + ?2 WHERE sku = ?1 AND confirmed IS NOT NULL",
        line.sku, by);
  }

  shelfnode::testing::TempDir dir_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<UuidGenerator> uuids_;
  std::unique_ptr<ledger::Ledger> ledger_;
};

// One engine over a fake Wix of the parameter's shape, with a mapped shop and an unmapped
// depot.
class EngineTest : public ::testing::TestWithParam<WixMode> {
 protected:
  EngineTest() : f(GetParam()) {
    shop = f.warehouse("shop", true);
    depot = f.warehouse("depot", false);
  }

  // A in Wix at 5, received 5 in the shop, synced: confirmed 5.
  void synced_a() {
    f.product("A", 5);
    f.receive("A", shop, 5);
    ASSERT_TRUE(f.converge(1));
    ASSERT_EQ(f.row("A")->confirmed, 5);
  }

  SyncFixture f;
  std::int64_t shop = 0;
  std::int64_t depot = 0;
};

}  // namespace shelfnode::sync::testing
