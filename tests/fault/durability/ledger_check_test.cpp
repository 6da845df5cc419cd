// The fault tests are only as good as their oracle: ledger_violations() must notice a lost
// acknowledged scan, a stock row that drifted from the ledger, and a movement it never saw.
#include <gtest/gtest.h>

#include "fault/durability/fault_env.h"

namespace shelfnode::fault {
namespace {

void tamper(const std::string& dir, const char* sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2((dir + "/shelfnode.db").c_str(), &db, SQLITE_OPEN_READWRITE, nullptr),
            SQLITE_OK);
  char* err = nullptr;
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
  const std::string message = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(db);
  ASSERT_EQ(rc, SQLITE_OK) << message;
}

bool mentions(const std::vector<std::string>& violations, const std::string& what) {
  for (const auto& v : violations) {
    if (contains(v, what)) return true;
  }
  return false;
}

TEST(LedgerCheck, ReportsLostAcknowledgementsAndStockDrift) {
  testing::TempDir tmp;
  const std::string dir = tmp.file("data");
  ASSERT_EQ(make_shop(dir, tmp.path()), "");
  const testing::RunResult r = testing::shelfnode(
      dir, {"scan", "--warehouse", "shop", "--mode", "receive"}, "SKU-01\nSKU-02*3\nSKU-03\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  AckedMovements acked;
  ASSERT_EQ(collect_acks(r.out, acked), 3);
  ASSERT_EQ(ledger_violations(dir, acked), std::vector<std::string>{});

  AckedMovements wrong_delta = acked;
  wrong_delta.begin()->second.delta += 1;
  EXPECT_TRUE(mentions(ledger_violations(dir, wrong_delta), "stored as"));

  tamper(dir, "UPDATE stock SET qty = qty + 1 WHERE sku = 'SKU-02'");
  EXPECT_TRUE(mentions(ledger_violations(dir, acked), "stock diverges"));
  tamper(dir, "UPDATE stock SET qty = qty - 1 WHERE sku = 'SKU-02'");

  tamper(dir,
         "DELETE FROM movements WHERE sku = 'SKU-01';"
         "UPDATE stock SET qty = 0 WHERE sku = 'SKU-01'");
  const std::vector<std::string> lost = ledger_violations(dir, acked);
  EXPECT_TRUE(mentions(lost, "missing from the ledger")) << lost.size();
  EXPECT_TRUE(mentions(lost, "stock diverges")) << lost.size();  // a 0 row without movements
}

}  // namespace
}  // namespace shelfnode::fault
