// history, void (and the scan session's undo code), export, and the till's quantity guard,
// through the real binary.
#include "cli_fixture.h"
#include "shelfnode/store/database.h"

namespace shelfnode::cli_test {
namespace {

class HistoryTest : public CliTest {
 protected:
  void SetUp() override { init_store(); }

  // The id from an "OK <uuid> ..." line.
  static std::string id_of(const std::string& ok_line) {
    EXPECT_TRUE(starts_with(ok_line, "OK ")) << ok_line;
    return ok_line.size() >= 39 ? ok_line.substr(3, 36) : "";
  }

  JsonPtr history_json(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{"history", "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    JsonPtr root = parse_json(ok(args));
    EXPECT_TRUE(root != nullptr);
    return root;
  }

  static const cJSON* movements(const JsonPtr& root) {
    return cJSON_GetObjectItemCaseSensitive(root.get(), "movements");
  }

  // An online order line written the way the sync engine writes one.
  void add_order_line(const std::string& sku, const std::string& reference) {
    auto db = store::Database::open(dir() + "/shelfnode.db", store::OpenMode::kReadWrite);
    ASSERT_TRUE(db.ok()) << db.status().message();
    const std::string sql =
        "INSERT INTO movements (id, at, code, sku, warehouse_id, delta, kind, source, reference)"
        " VALUES ('01a00000-0000-7000-8000-000000000001', '2026-01-01T00:00:00.000Z', '" + sku +
        "', '" + sku + "', 1, -1, 'order', 'wix:order', '" + reference + "')";
    ASSERT_TRUE((*db)->exec(sql.c_str()).ok());
    ASSERT_TRUE((*db)->exec("UPDATE stock SET qty = qty - 1 WHERE warehouse_id = 1").ok());
  }
};

TEST_F(HistoryTest, ListsMovementsNewestFirstWithEveryField) {
  const std::string in = id_of(ok({"receive", kApple, "5", "--warehouse", "shop"}));
  const std::string out = id_of(ok({"sell", kAppleEan13, "2", "--warehouse", "shop"}));
  ok({"receive", kBread, "1", "--warehouse", "depot"});
  const std::string text = ok({"history"});
  const std::vector<std::string> lines = split_lines(text);
  ASSERT_EQ(lines.size(), 4u) << text;
  EXPECT_TRUE(starts_with(lines[0], "TIME ")) << lines[0];
  EXPECT_TRUE(contains(lines[1], kBread)) << "newest first: " << text;
  EXPECT_TRUE(contains(lines[2], "sell") && contains(lines[2], "-2") && contains(lines[2], out))
      << lines[2];
  EXPECT_TRUE(contains(lines[3], "receive") && contains(lines[3], "+5") && contains(lines[3], in))
      << lines[3];

  JsonPtr root = history_json({kApple});
  ASSERT_EQ(cJSON_GetArraySize(movements(root)), 2) << "CODE is looked up like a scan";
  const cJSON* sale = cJSON_GetArrayItem(movements(root), 0);
  EXPECT_EQ(json_string(sale, "id"), out);
  EXPECT_EQ(json_string(sale, "kind"), "sell");
  EXPECT_EQ(json_string(sale, "code"), kAppleEan13) << "the code as scanned";
  EXPECT_EQ(json_string(sale, "sku"), kApple);
  EXPECT_EQ(json_string(sale, "warehouse"), "shop");
  EXPECT_EQ(json_int(sale, "delta"), -2);
  EXPECT_EQ(json_string(sale, "source"), "cli");
  EXPECT_TRUE(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(sale, "reference")));
  EXPECT_TRUE(contains(json_string(sale, "at"), "Z")) << "JSON keeps UTC";
}

TEST_F(HistoryTest, FiltersByWarehouseSinceAndLimit) {
  for (int i = 0; i < 3; ++i) ok({"receive", kApple, "1", "--warehouse", "shop"});
  ok({"receive", kApple, "1", "--warehouse", "depot"});
  EXPECT_EQ(cJSON_GetArraySize(movements(history_json({"--warehouse", "depot"}))), 1);
  EXPECT_EQ(cJSON_GetArraySize(movements(history_json({"--limit", "2"}))), 2);
  EXPECT_EQ(cJSON_GetArraySize(movements(history_json({"--since", "10m"}))), 4);
  EXPECT_EQ(cJSON_GetArraySize(movements(history_json({"--since", "2099-01-01"}))), 0);
  EXPECT_EQ(cJSON_GetArraySize(movements(history_json({"--since", "2020-01-01T00:00:00Z"}))), 4);
  const std::string text = ok({"history", "--limit", "2"});
  EXPECT_TRUE(contains(text, "(newest 2 shown, newest first: --limit N for more")) << text;
  EXPECT_TRUE(contains(ok({"history", "--since", "2099-01-01"}), "no movements match")) << text;

  expect_refused(sn({"history", "--since", "last tuesday"}), 64, "is not a time: use 30m");
  expect_refused(sn({"history", "--since", "2026-02-30"}), 64, "is not a time");
  expect_refused(sn({"history", "--limit", "0"}), 64, "--limit '0' is not a count");
  expect_refused(sn({"history", "--warehouse", "nowhere"}), 65, "no warehouse named 'nowhere'");
  expect_refused(sn({"history", "--warehouse", "a b"}), 64, "may only use letters");
}

TEST_F(HistoryTest, VoidTakesAScanBackAndKeepsBothInTheHistory) {
  ok({"receive", kApple, "5", "--warehouse", "shop"});
  const std::string sale = id_of(ok({"sell", kApple, "2", "--warehouse", "shop"}));
  const std::string reply = ok({"void", sale, "--reason", "scanned twice"});
  EXPECT_TRUE(contains(reply, " " + std::string(kApple) + " +2 (shop now 5): voided " + sale))
      << reply;
  EXPECT_EQ(qty(kApple, "shop"), 5);
  JsonPtr root = history_json({kApple});
  ASSERT_EQ(cJSON_GetArraySize(movements(root)), 3);
  const cJSON* undo = cJSON_GetArrayItem(movements(root), 0);
  EXPECT_EQ(json_string(undo, "kind"), "void");
  EXPECT_EQ(json_string(undo, "voids"), sale);
  EXPECT_EQ(json_string(undo, "note"), "scanned twice");
  EXPECT_EQ(json_string(cJSON_GetArrayItem(movements(root), 1), "voided_by"), id_of(reply));
  EXPECT_TRUE(contains(ok({"history"}), "undoes " + sale + ": scanned twice"));

  const std::string before = ledger_snapshot();
  expect_refused(sn({"void", sale}), 65, "was already voided by " + id_of(reply));
  expect_refused(sn({"void", id_of(reply)}), 65, "is itself a void");
  expect_refused(sn({"void", "01234567-89ab-7def-8123-456789abcdef"}), 65,
                 "no movement has the id");
  EXPECT_EQ(ledger_snapshot(), before) << "a refused void writes nothing";
}

TEST_F(HistoryTest, AnOnlineOrderLineIsNotVoidedHere) {
  ok({"receive", kApple, "5", "--warehouse", "shop"});
  ASSERT_NO_FATAL_FAILURE(add_order_line(kApple, "order-1:line-1"));
  const std::string before = ledger_snapshot();
  expect_refused(sn({"void", "01a00000-0000-7000-8000-000000000001"}), 65,
                 "is the online order line order-1:line-1: cancel or refund the order in Wix");
  EXPECT_EQ(ledger_snapshot(), before);
  // --last skips it and undoes the clerk's own receive.
  const std::string reply = ok({"void", "--last", "--warehouse", "shop"});
  EXPECT_TRUE(contains(reply, " -5 (shop now -1)")) << reply;
}

TEST_F(HistoryTest, VoidLastWalksBackAndSaysWhenNothingIsLeft) {
  ok({"receive", kApple, "3", "--warehouse", "shop"});
  ok({"sell", kBread, "1", "--warehouse", "shop"});
  EXPECT_TRUE(contains(ok({"void", "--last", "--warehouse", "shop"}), kBread));
  EXPECT_TRUE(contains(ok({"void", "--last", "--warehouse", "shop"}), kApple));
  expect_refused(sn({"void", "--last", "--warehouse", "shop"}), 65,
                 "warehouse shop has no movement left to void");
  EXPECT_EQ(qty(kApple, "shop"), 0);
  EXPECT_EQ(qty(kBread, "shop"), 0);

  expect_refused(sn({"void"}), 64, "needs the movement's id");
  expect_refused(sn({"void", "--last"}), 64, "needs --warehouse W");
  expect_refused(sn({"void", "x", "--last", "--warehouse", "shop"}), 64, "not both");
  expect_refused(sn({"void", "x", "--reason", "line\nbreak"}), 64, "one line of text");
}

TEST_F(HistoryTest, VoidingHalfAMoveVoidsBoth) {
  ok({"receive", kApple, "10", "--warehouse", "shop"});
  const std::string moved = ok({"move", kApple, "4", "--from", "shop", "--to", "depot"});
  const std::string in = id_of(split_lines(moved).at(1));
  const std::string reply = ok({"void", in});
  ASSERT_EQ(split_lines(reply).size(), 2u) << reply;
  EXPECT_EQ(qty(kApple, "shop"), 10);
  EXPECT_EQ(qty(kApple, "depot"), 0);
}

TEST_F(HistoryTest, TheUndoCodeTakesBackTheSessionsLastScan) {
  write_config(R"({"scan": {"undo_code": "UNDO"}})");
  support::RunResult r =
      sn({"scan", "--warehouse", "shop", "--mode", "sell"},
         std::string(kApple) + "\n" + kBread + "*2\nUNDO\nUNDO\nUNDO\n" + kApple + "\n");
  EXPECT_EQ(r.exit_code, 65) << describe(r);
  const std::vector<std::string> lines = split_lines(r.out);
  ASSERT_EQ(lines.size(), 6u) << r.out;
  EXPECT_TRUE(ends_with(lines[2], " " + std::string(kBread) + " -2")) << lines[2];
  EXPECT_TRUE(ends_with(lines[3], " " + std::string(kApple) + " -1")) << lines[3];
  EXPECT_TRUE(starts_with(lines[4], "ERR nothing to undo")) << lines[4];
  EXPECT_TRUE(starts_with(lines[5], "OK ")) << lines[5];
  EXPECT_EQ(qty(kApple, "shop"), -1);
  EXPECT_EQ(qty(kBread, "shop"), 0);
  EXPECT_TRUE(contains(r.err, "scan.below_zero")) << "a sale past zero is said: " << r.err;
}

TEST_F(HistoryTest, UndoInCountModeRestoresTheStocktakeTotal) {
  write_config(R"({"scan": {"undo_code": "UNDO"}})");
  ok({"receive", kApple, "9", "--warehouse", "shop"});
  support::RunResult r = sn({"scan", "--warehouse", "shop", "--mode", "count"},
                            std::string(kApple) + "\n" + kApple + "\nUNDO\n" + kApple + "\n");
  EXPECT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(qty(kApple, "shop"), 2) << "1, 2, undo to 1, then 2: " << r.out;
}

TEST_F(HistoryTest, TheTillRefusesAFatFingerAndTheCommandLineAsksForYes) {
  support::RunResult r = sn({"scan", "--warehouse", "shop", "--mode", "receive"},
                            std::string(kApple) + "*1000\n" + kApple + "*999\n");
  EXPECT_EQ(r.exit_code, 65) << describe(r);
  const std::vector<std::string> lines = split_lines(r.out);
  ASSERT_EQ(lines.size(), 2u) << r.out;
  EXPECT_EQ(lines[0],
            "ERR quantity 1000 is more than 999 per scan: scan again with the right *QTY (the "
            "limit is scan.max_quantity)");
  EXPECT_TRUE(starts_with(lines[1], "OK ")) << lines[1];

  const std::string before = ledger_snapshot();
  expect_refused(sn({"sell", kApple, "1000", "--warehouse", "shop"}), 64,
                 "quantity 1000 is more than 999 (scan.max_quantity): check it, then run the "
                 "command again with --yes");
  EXPECT_EQ(ledger_snapshot(), before);
  ok({"sell", kApple, "1000", "--warehouse", "shop", "--yes"});
  EXPECT_EQ(qty(kApple, "shop"), -1);

  write_config(R"({"scan": {"max_quantity": 5}})");
  expect_refused(sn({"receive", kApple, "6", "--warehouse", "shop"}), 64, "more than 5");
}

TEST_F(HistoryTest, ASaleBelowZeroIsStoredAndSaid) {
  ok({"receive", kApple, "1", "--warehouse", "shop"});
  support::RunResult r = sn({"sell", kApple, "3", "--warehouse", "shop"});
  EXPECT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_TRUE(contains(r.out, "(shop now -2)")) << r.out;
  EXPECT_TRUE(contains(r.err, "is below zero in shop (-2): more went out than was booked in"))
      << r.err;
  EXPECT_TRUE(contains(r.err, "Wix shows 0")) << r.err;
  EXPECT_EQ(qty(kApple, "shop"), -2);
}

TEST_F(HistoryTest, ExportMovementsAsCsvAndJsonOldestFirst) {
  ok({"receive", kApple, "5", "--warehouse", "shop"});
  const std::string sale = id_of(ok({"sell", kAppleEan13, "1", "--warehouse", "shop"}));
  ok({"void", sale, "--reason", "wrong, item"});
  const std::string csv = ok({"export", "movements", "--csv"});
  const std::vector<std::string> rows = split_lines(csv);
  ASSERT_EQ(rows.size(), 4u) << csv;
  EXPECT_EQ(rows[0], "seq,id,at,kind,code,sku,warehouse,delta,source,reference,voids,note");
  EXPECT_TRUE(starts_with(rows[1], "1,")) << rows[1];
  EXPECT_TRUE(contains(rows[1], ",receive," + std::string(kApple) + "," + kApple + ",shop,5,cli,,,"))
      << rows[1];
  EXPECT_TRUE(contains(rows[3], ",void,") && contains(rows[3], "," + sale + ",\"wrong, item\""))
      << "quoted per RFC 4180: " << rows[3];

  JsonPtr root = parse_json(ok({"export", "movements", "--json"}));
  ASSERT_TRUE(root) << "one JSON document";
  ASSERT_EQ(cJSON_GetArraySize(movements(root)), 3);
  EXPECT_EQ(json_int(cJSON_GetArrayItem(movements(root), 0), "seq"), 1);
  JsonPtr none = parse_json(ok({"export", "movements", "--json", "--since", "2099-01-01"}));
  ASSERT_TRUE(none);
  EXPECT_EQ(cJSON_GetArraySize(movements(none)), 0);
}

TEST_F(HistoryTest, ExportStockAndItsUsageErrors) {
  ok({"receive", kApple, "5", "--warehouse", "shop"});
  ok({"receive", kApple, "2", "--warehouse", "depot"});
  const std::string csv = ok({"export", "stock", "--csv"});
  EXPECT_EQ(csv, "sku,name,warehouse,mapped,qty\n" + std::string(kApple) +
                     ",Apple juice 1l,shop,1,5\n" + kApple + ",Apple juice 1l,depot,0,2\n");
  JsonPtr root = parse_json(ok({"export", "stock", "--json"}));
  ASSERT_TRUE(root);
  EXPECT_EQ(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(root.get(), "stock")), 2);

  expect_refused(sn({"export", "stock"}), 64, "exactly one of --csv or --json");
  expect_refused(sn({"export", "stock", "--csv", "--json"}), 64, "exactly one of --csv or --json");
  expect_refused(sn({"export", "stock", "--csv", "--since", "1d"}), 64, "stock is always as of now");
  expect_refused(sn({"export", "sales", "--csv"}), 64, "use `export stock` or `export movements`");
}

TEST_F(HistoryTest, ExportedTextIsNeverASpreadsheetFormula) {
  ok({"alias", "add", "=HYPERLINK(1)", kApple});
  ok({"receive", "=HYPERLINK(1)", "1", "--warehouse", "shop"});
  const std::string csv = ok({"export", "movements", "--csv"});
  EXPECT_TRUE(contains(csv, ",'=HYPERLINK(1),")) << csv;
}

}  // namespace
}  // namespace shelfnode::cli_test
