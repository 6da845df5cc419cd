#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "shelfnode/core/clock.h"
#include "shelfnode/core/uuid.h"
#include "shelfnode/ledger/ledger.h"
#include "shelfnode/store/database.h"
#include "support/migrated_db.h"
#include "support/process.h"

namespace shelfnode::testing {

// A migrated database in a temp dir with a ledger over it (fixed clock).
class LedgerFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(open_migrated_db(dir_.file("shelfnode.db"), db_));
    auto uuids = UuidGenerator::create(clock_);
    ASSERT_TRUE(uuids.ok());
    uuids_ = std::move(uuids).value();
    ledger_ = std::make_unique<ledger::Ledger>(*db_, *uuids_, clock_);
  }

  // Records one request in its own transaction; fails the test on error.
  ledger::Movement record(const ledger::MovementRequest& r) {
    auto tx = store::Transaction::begin(*db_);
    EXPECT_TRUE(tx.ok());
    auto m = ledger_->record(r);
    EXPECT_TRUE(m.ok()) << m.status().message();
    EXPECT_TRUE((*tx)->commit().ok());
    return m.ok() ? *m : ledger::Movement{};
  }

  std::int64_t scalar(const char* sql) {
    auto s = db_->prepare(sql);
    EXPECT_TRUE(s.ok());
    EXPECT_TRUE(*s->step());
    return s->int_at(0);
  }

  TempDir dir_;
  FakeClock clock_{1764000000000};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<UuidGenerator> uuids_;
  std::unique_ptr<ledger::Ledger> ledger_;
};

}  // namespace shelfnode::testing
