// stock and status: what the device will push (target = max(0, mapped sum), managed SKUs only).
#include <algorithm>

#include "cli_fixture.h"
#include "shelfnode/store/schema.h"

namespace shelfnode::cli_test {
namespace {

// The last `n` whitespace-separated cells of a table row.
std::vector<std::string> last_cells(const std::string& row, std::size_t n) {
  std::vector<std::string> cells;
  std::size_t at = 0;
  while (at < row.size()) {
    const std::size_t start = row.find_first_not_of(' ', at);
    if (start == std::string::npos) break;
    const std::size_t end = std::min(row.find(' ', start), row.size());
    cells.push_back(row.substr(start, end - start));
    at = end;
  }
  if (cells.size() > n) cells.erase(cells.begin(), cells.end() - static_cast<long>(n));
  return cells;
}

using Cells = std::vector<std::string>;

class StockStatusTest : public CliTest {
 protected:
  void SetUp() override { init_store(); }

  JsonPtr status_json() {
    support::RunResult r = sn({"status", "--json"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    JsonPtr root = parse_json(r.out);
    EXPECT_TRUE(root) << r.out;
    return root;
  }

  std::vector<std::string> mapped_warehouses(const cJSON* status) {
    std::vector<std::string> out;
    const cJSON* w = nullptr;
    cJSON_ArrayForEach(w, cJSON_GetObjectItemCaseSensitive(status, "mapped_warehouses")) {
      out.emplace_back(cJSON_GetStringValue(w));
    }
    return out;
  }
};

TEST_F(StockStatusTest, EmptyLedger) {
  EXPECT_EQ(ok({"stock"}), "no stock recorded yet: receive, count or scan something first\n");
  EXPECT_EQ(ok({"stock", "--json"}), "{\n\t\"skus\":\t[]\n}\n");
}

TEST_F(StockStatusTest, TableHasHeaderColumnsAndLegend) {
  ok({"receive", kApple, "5", "--warehouse", "shop"});
  ok({"receive", kApple, "2", "--warehouse", "depot"});
  ok({"receive", kCola, "3", "--warehouse", "depot"});
  const std::vector<std::string> lines = split_lines(ok({"stock"}));
  ASSERT_EQ(lines.size(), 5u) << ok({"stock"});
  EXPECT_TRUE(starts_with(lines[0], "SKU ")) << lines[0];
  for (const char* column : {" NAME ", " shop* ", " backroom* ", " depot ", " MAPPED_SUM ",
                             " TARGET ", " CONFIRMED ", " SYNC"}) {
    EXPECT_TRUE(contains(lines[0], column)) << "missing '" << column << "' in: " << lines[0];
  }
  EXPECT_FALSE(contains(lines[0], "depot*")) << lines[0];
  // SKUs in order; cells: shop, backroom, depot, mapped sum, target, confirmed, sync state.
  EXPECT_TRUE(starts_with(lines[1], std::string(kApple) + "  Apple juice 1l")) << lines[1];
  EXPECT_EQ(last_cells(lines[1], 7), (Cells{"5", "-", "2", "5", "5", "-", "pending"})) << lines[1];
  EXPECT_TRUE(starts_with(lines[2], std::string(kCola) + "  Cola 330ml")) << lines[2];
  EXPECT_EQ(last_cells(lines[2], 7), (Cells{"-", "-", "3", "0", "-", "-", "unmanaged"}))
      << lines[2];
  EXPECT_EQ(lines[3], "");
  // The legend is one line; `stock --help` has the rest.
  EXPECT_TRUE(starts_with(lines[4], "* = counts towards Wix; TARGET = max(0, MAPPED_SUM)"))
      << lines[4];
  const std::string help = ok({"stock", "--help"});
  for (const char* state : {"unmanaged", "in_sync", "pending", "checking", "parked"}) {
    EXPECT_TRUE(contains(help, state)) << state << " not explained in: " << help;
  }
}

TEST_F(StockStatusTest, ALongNameIsCutWithAnEllipsis) {
  ok({"catalog", "import",
      write_csv("long.csv", "sku,name\nLONG-1,A rather long product name that goes on and on\n")});
  ok({"receive", "LONG-1", "1", "--warehouse", "shop"});
  const std::string table = ok({"stock"});
  EXPECT_TRUE(contains(table, "LONG-1  A rather long product n\u2026  ")) << table;
}

TEST_F(StockStatusTest, JsonForAManagedSku) {
  ok({"receive", kApple, "5", "--warehouse", "shop"});
  ok({"receive", kApple, "4", "--warehouse", "backroom"});
  ok({"receive", kApple, "100", "--warehouse", "depot"});
  StockView s = stock_of(kAppleEan13);
  EXPECT_TRUE(s.found);
  using Levels = std::vector<std::pair<std::string, std::int64_t>>;
  EXPECT_EQ(s.warehouses, (Levels{{"shop", 5}, {"backroom", 4}, {"depot", 100}}));
  EXPECT_TRUE(s.managed);
  EXPECT_EQ(s.mapped_sum, 9);
  EXPECT_EQ(s.target, 9);
  EXPECT_TRUE(s.confirmed_is_null);
}

TEST_F(StockStatusTest, NeverMovedSkuIsNotManaged) {
  const std::string out = ok({"stock", kBread, "--json"});
  JsonPtr root = parse_json(out);
  ASSERT_TRUE(root) << out;
  const cJSON* item = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(root.get(), "skus"), 0);
  ASSERT_NE(item, nullptr) << out;
  EXPECT_EQ(json_string(item, "sku"), kBread);
  EXPECT_EQ(json_string(item, "name"), "Bread, brown");
  EXPECT_EQ(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(item, "warehouses")), 0);
  EXPECT_TRUE(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(item, "managed"))) << out;
  EXPECT_TRUE(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(item, "target"))) << out;
  EXPECT_EQ(json_int(item, "mapped_sum"), 0);
  // In the table: target '-'.
  const std::vector<std::string> lines = split_lines(ok({"stock", kBreadUpcA}));
  ASSERT_GE(lines.size(), 2u);
  EXPECT_TRUE(starts_with(lines[1], kBread)) << lines[1];
  EXPECT_EQ(last_cells(lines[1], 7), (Cells{"-", "-", "-", "0", "-", "-", "unmanaged"}))
      << lines[1];
}

TEST_F(StockStatusTest, SkuMovedOnlyInAnUnmappedWarehouseIsNotManaged) {
  ok({"receive", kCola, "8", "--warehouse", "depot"});
  StockView s = stock_of(kCola);
  EXPECT_EQ(s.qty("depot"), 8);
  EXPECT_FALSE(s.managed);
  EXPECT_EQ(s.mapped_sum, 0);
  EXPECT_EQ(s.target, std::nullopt);
  JsonPtr st = status_json();
  ASSERT_TRUE(st);
  EXPECT_EQ(json_int(st.get(), "managed_skus"), 0);
}

TEST_F(StockStatusTest, NegativeMappedSumGivesTargetZero) {
  ok({"receive", kApple, "2", "--warehouse", "shop"});
  ok({"sell", kApple, "7", "--warehouse", "backroom"});
  ok({"receive", kApple, "50", "--warehouse", "depot"});
  StockView s = stock_of(kApple);
  EXPECT_EQ(s.qty("backroom"), -7);
  EXPECT_TRUE(s.managed);
  EXPECT_EQ(s.mapped_sum, -5);
  EXPECT_EQ(s.target, 0);
}

TEST_F(StockStatusTest, MappingChangesTheTarget) {
  ok({"receive", kApple, "5", "--warehouse", "shop"});
  ok({"receive", kApple, "3", "--warehouse", "backroom"});
  ok({"receive", kApple, "20", "--warehouse", "depot"});
  EXPECT_EQ(stock_of(kApple).target, 8);
  ok({"warehouse", "unmap", "backroom"});
  StockView s = stock_of(kApple);
  EXPECT_EQ(s.mapped_sum, 5);
  EXPECT_EQ(s.target, 5);
  ok({"warehouse", "map", "depot"});
  EXPECT_EQ(stock_of(kApple).target, 25);
  ok({"warehouse", "unmap", "shop"});
  ok({"warehouse", "unmap", "depot"});
  s = stock_of(kApple);
  EXPECT_FALSE(s.managed);
  EXPECT_EQ(s.target, std::nullopt);
}

TEST_F(StockStatusTest, StockOfUnknownCodeExits65) {
  expect_refused(sn({"stock", "NOPE-1"}), 65, "unknown code 'NOPE-1'");
  expect_refused(sn({"stock", "4006381333932", "--json"}), 65, "should be 1, not 2");
}

TEST_F(StockStatusTest, StockByAliasOrGtinShowsOneSku) {
  ok({"receive", kBread, "6", "--warehouse", "shop"});
  ok({"receive", kApple, "1", "--warehouse", "shop"});
  ok({"alias", "add", "SHELF-9", kBread});
  EXPECT_EQ(stock_of("SHELF-9").qty("shop"), 6);
  EXPECT_EQ(stock_of(kBreadEan13).qty("shop"), 6);
}

TEST_F(StockStatusTest, StatusText) {
  ok({"receive", kApple, "5", "--warehouse", "shop"});
  ok({"receive", kCola, "5", "--warehouse", "depot"});
  ok({"move", kApple, "1", "--from", "shop", "--to", "backroom"});
  const std::vector<std::string> lines = split_lines(ok({"status"}));
  ASSERT_EQ(lines.size(), 9u) << ok({"status"});
  EXPECT_EQ(lines[0], "data dir:     " + dir() + " (schema " +
                          std::to_string(store::latest_schema_version()) + ")");
  EXPECT_EQ(lines[1], "wix:          not connected (offline: scans are kept locally)");
  EXPECT_EQ(lines[2], "warehouses:   3 (mapped: shop, backroom)");
  EXPECT_EQ(lines[3], "catalog:      3 SKUs cached");
  EXPECT_TRUE(starts_with(lines[4], "ledger:       4 movements, last at 20")) << lines[4];
  EXPECT_EQ(lines[5], "managed SKUs: 1 (these are the ones pushed to Wix)");
  EXPECT_TRUE(
      starts_with(lines[6], "sync:         1 of 1 managed SKU waits for Wix, oldest change 20"))
      << lines[6];
  EXPECT_TRUE(contains(lines[6], "(connect to push it)")) << lines[6];
  EXPECT_EQ(lines[7], "last sync:    never (last in sync: never; last reconciliation: never)");
  EXPECT_EQ(lines[8],
            "daemon:       not running (`shelfnode daemon` reads the scanners and syncs "
            "unattended)");
}

TEST_F(StockStatusTest, StatusJson) {
  JsonPtr st = status_json();
  ASSERT_TRUE(st);
  EXPECT_EQ(json_string(st.get(), "data_dir"), dir());
  EXPECT_EQ(json_int(st.get(), "schema"), store::latest_schema_version());
  EXPECT_EQ(json_int(st.get(), "warehouses"), 3);
  EXPECT_EQ(mapped_warehouses(st.get()), (std::vector<std::string>{"shop", "backroom"}));
  EXPECT_EQ(json_int(st.get(), "catalog_skus"), 3);
  EXPECT_EQ(json_int(st.get(), "movements"), 0);
  EXPECT_TRUE(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(st.get(), "last_movement_at")));
  EXPECT_EQ(json_int(st.get(), "managed_skus"), 0);
  EXPECT_TRUE(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(st.get(), "wix_connected")));
  EXPECT_EQ(cJSON_GetObjectItemCaseSensitive(st.get(), "warning"), nullptr);

  ok({"receive", kApple, "1", "--warehouse", "shop"});
  ok({"count", kBread, "0", "--warehouse", "backroom"});
  ok({"receive", kCola, "1", "--warehouse", "depot"});
  st = status_json();
  ASSERT_TRUE(st);
  EXPECT_EQ(json_int(st.get(), "movements"), 3);
  EXPECT_EQ(json_int(st.get(), "managed_skus"), 2);
  EXPECT_TRUE(starts_with(json_string(st.get(), "last_movement_at"), "20"));
}

TEST_F(StockStatusTest, StatusWarnsWhenNoWarehouseIsMapped) {
  EXPECT_FALSE(contains(ok({"status"}), "warning")) << ok({"status"});
  ok({"warehouse", "unmap", "shop"});
  ok({"warehouse", "unmap", "backroom"});
  const std::string text = ok({"status"});
  EXPECT_TRUE(contains(text, "warehouses:   3 (mapped: none)\n")) << text;
  EXPECT_TRUE(contains(text,
                       "\nwarning:      no warehouse is mapped: nothing will be pushed to "
                       "Wix; map one with `shelfnode warehouse map NAME`\n"))
      << text;
  JsonPtr st = status_json();
  ASSERT_TRUE(st);
  EXPECT_EQ(mapped_warehouses(st.get()), std::vector<std::string>{});
  EXPECT_TRUE(starts_with(json_string(st.get(), "warning"), "no warehouse is mapped")) << "";
}

}  // namespace
}  // namespace shelfnode::cli_test
