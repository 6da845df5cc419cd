// receive / sell / count / move: one committed movement per leg, exact stock afterwards, and
// every refused command leaves the ledger as it was.
#include <set>

#include "cli_fixture.h"

namespace shelfnode::cli_test {
namespace {

class MovementTest : public CliTest {
 protected:
  void SetUp() override { init_store(); }

  // Checks one "OK <uuid> <sku> <qty> (<warehouse> now <n>)" line; returns the uuid.
  std::string expect_ok_line(const std::string& line, const std::string& sku, int qty,
                             const std::string& warehouse, long long now) {
    const std::vector<std::string> want_tail = {sku, std::to_string(qty), "(" + warehouse, "now",
                                                std::to_string(now) + ")"};
    EXPECT_TRUE(starts_with(line, "OK ")) << line;
    if (line.size() < 40) {
      ADD_FAILURE() << "short reply: " << line;
      return "";
    }
    const std::string uuid = line.substr(3, 36);
    EXPECT_TRUE(is_movement_uuid(uuid)) << line;
    EXPECT_EQ(line.substr(39), " " + sku + " " + std::to_string(qty) + " (" + warehouse + " now " +
                                   std::to_string(now) + ")")
        << line;
    return uuid;
  }

  // The command must be refused with `exit_code` and change nothing.
  void expect_no_change(const std::vector<std::string>& args, int exit_code,
                        const std::string& needle) {
    SCOPED_TRACE(args[0] + " " + (args.size() > 2 ? args[2] : std::string()));
    const std::string before = ledger_snapshot();
    expect_refused(sn(args), exit_code, needle);
    EXPECT_EQ(ledger_snapshot(), before);
  }
};

TEST_F(MovementTest, ReceiveSellCountPrintTheMovementAndTheStock) {
  std::string out = ok({"receive", kApple, "10", "--warehouse", "shop"});
  std::set<std::string> ids;
  ids.insert(expect_ok_line(out.substr(0, out.size() - 1), kApple, 10, "shop", 10));
  EXPECT_EQ(out.back(), '\n');
  EXPECT_EQ(split_lines(out).size(), 1u);

  out = ok({"sell", kAppleEan13, "3", "--warehouse", "shop"});
  ids.insert(expect_ok_line(split_lines(out).at(0), kApple, 3, "shop", 7));
  out = ok({"count", std::string("(01)") + kAppleGtin14, "4", "--warehouse", "shop"});
  ids.insert(expect_ok_line(split_lines(out).at(0), kApple, 4, "shop", 4));
  EXPECT_EQ(ids.size(), 3u) << "every movement has its own uuid";

  StockView s = stock_of(kApple);
  EXPECT_EQ(s.qty("shop"), 4);
  EXPECT_EQ(s.qty("backroom"), std::nullopt);
  EXPECT_EQ(s.mapped_sum, 4);
  EXPECT_EQ(s.target, 4);
}

TEST_F(MovementTest, AGs1CountInTheCodeIsNotSilentlyReplacedByQty) {
  const std::string before = ledger_snapshot();
  expect_refused(
      sn({"receive", std::string("(01)") + kAppleGtin14 + "(30)12", "1", "--warehouse", "shop"}),
      64, "GS1 count of 12");
  EXPECT_EQ(ledger_snapshot(), before);
}

TEST_F(MovementTest, OptionsMayComeBeforeThePositionals) {
  std::string out = ok({"receive", "--warehouse", "backroom", kBread, "2"});
  expect_ok_line(split_lines(out).at(0), kBread, 2, "backroom", 2);
  EXPECT_EQ(qty(kBread, "backroom"), 2);
}

TEST_F(MovementTest, SellBelowZeroIsRecorded) {
  std::string out = ok({"sell", kCola, "5", "--warehouse", "shop"});
  expect_ok_line(split_lines(out).at(0), kCola, 5, "shop", -5);
  EXPECT_EQ(qty(kCola, "shop"), -5);
}

TEST_F(MovementTest, CountSetsAnAbsoluteQuantity) {
  ok({"receive", kApple, "10", "--warehouse", "shop"});
  expect_ok_line(split_lines(ok({"count", kApple, "7", "--warehouse", "shop"})).at(0), kApple, 7,
                 "shop", 7);
  expect_ok_line(split_lines(ok({"count", kApple, "12", "--warehouse", "shop"})).at(0), kApple, 12,
                 "shop", 12);
  expect_ok_line(split_lines(ok({"count", kApple, "0", "--warehouse", "shop"})).at(0), kApple, 0,
                 "shop", 0);
  // A count of 0 where nothing was ever recorded is a stocktake too: the SKU is now managed.
  expect_ok_line(split_lines(ok({"count", kCola, "0", "--warehouse", "backroom"})).at(0), kCola, 0,
                 "backroom", 0);
  StockView cola = stock_of(kCola);
  EXPECT_EQ(cola.qty("backroom"), 0);
  EXPECT_TRUE(cola.managed);
  EXPECT_EQ(cola.target, 0);
  EXPECT_EQ(qty(kApple, "shop"), 0);
  EXPECT_TRUE(contains(ok({"status"}), "ledger:       5 movements")) << ok({"status"});
}

TEST_F(MovementTest, MoveIsTwoMovements) {
  ok({"receive", kBread, "10", "--warehouse", "backroom"});
  const std::vector<std::string> lines =
      split_lines(ok({"move", kBreadUpcA, "4", "--from", "backroom", "--to", "depot"}));
  ASSERT_EQ(lines.size(), 2u);
  const std::string out_id = expect_ok_line(lines[0], kBread, 4, "backroom", 6);
  const std::string in_id = expect_ok_line(lines[1], kBread, 4, "depot", 4);
  EXPECT_NE(out_id, in_id);
  StockView s = stock_of(kBread);
  EXPECT_EQ(s.qty("backroom"), 6);
  EXPECT_EQ(s.qty("depot"), 4);
  EXPECT_EQ(s.mapped_sum, 6);
  EXPECT_TRUE(contains(ok({"status"}), "ledger:       3 movements")) << ok({"status"});
}

TEST_F(MovementTest, UsageErrorsExit64AndChangeNothing) {
  ok({"receive", kApple, "5", "--warehouse", "shop"});
  const std::string shop = "--warehouse";
  expect_no_change({"receive", kApple, "1"}, 64, "--warehouse W is required");
  expect_no_change({"sell", kApple, "1"}, 64, "--warehouse W is required");
  expect_no_change({"count", kApple, "1"}, 64, "--warehouse W is required");
  expect_no_change({"move", kApple, "1", "--from", "shop"}, 64, "--to W is required");
  expect_no_change({"move", kApple, "1", "--to", "shop"}, 64, "--from W is required");
  expect_no_change({"move", kApple, "1", "--from", "shop", "--to", "shop"}, 64,
                   "--from and --to name the same warehouse");
  expect_no_change({"receive", kApple, "0", shop, "shop"}, 64, "quantity 0 is out of range");
  expect_no_change({"sell", kApple, "0", shop, "shop"}, 64, "quantity 0 is out of range");
  expect_no_change({"move", kApple, "0", "--from", "shop", "--to", "depot"}, 64,
                   "quantity 0 is out of range");
  expect_no_change({"receive", kApple, "100000", shop, "shop"}, 64,
                   "quantity 100000 is out of range: use 1 to 99999");
  expect_no_change({"count", kApple, "100000", shop, "shop"}, 64,
                   "quantity 100000 is out of range: use 0 to 99999");
  expect_no_change({"receive", kApple, "1000000", shop, "shop"}, 64, "is not a whole number");
  for (const char* bad : {"abc", "1.5", "+1", " 1", "1e3", ""}) {
    expect_no_change({"receive", kApple, bad, shop, "shop"}, 64,
                     "quantity '" + std::string(bad) + "' is not a whole number from 1 to 99999");
  }
  expect_no_change({"receive", kApple, "-1", shop, "shop"}, 64, "unknown option '-1'");
  expect_no_change({"receive", kApple, shop, "shop", "--", "-1"}, 64,
                   "quantity '-1' is not a whole number");
  expect_no_change({"receive", kApple, shop, "shop"}, 64, "missing argument");
  expect_no_change({"receive", kApple, "1", "2", shop, "shop"}, 64, "unexpected argument '2'");
  expect_no_change({"receive", kApple, "1", shop, "a b"}, 64, "may only use letters");
  EXPECT_EQ(qty(kApple, "shop"), 5);
}

TEST_F(MovementTest, BoundaryQuantitiesAreAccepted) {
  ok({"receive", kApple, "99999", "--warehouse", "shop", "--yes"});
  ok({"sell", kApple, "000001", "--warehouse", "shop"});
  EXPECT_EQ(qty(kApple, "shop"), 99998);
}

TEST_F(MovementTest, UnknownWarehouseOrCodeExits65AndChangesNothing) {
  ok({"receive", kApple, "5", "--warehouse", "shop"});
  expect_no_change({"receive", kApple, "1", "--warehouse", "nowhere"}, 65,
                   "no warehouse named 'nowhere'");
  expect_no_change({"count", kApple, "1", "--warehouse", "nowhere"}, 65,
                   "no warehouse named 'nowhere'");
  // The first leg's warehouse exists: neither leg may be written.
  expect_no_change({"move", kApple, "1", "--from", "shop", "--to", "nowhere"}, 65,
                   "no warehouse named 'nowhere'");
  expect_no_change({"move", kApple, "1", "--from", "nowhere", "--to", "shop"}, 65,
                   "no warehouse named 'nowhere'");
  expect_no_change({"receive", "NOPE-1", "1", "--warehouse", "shop"}, 65, "unknown code 'NOPE-1'");
  expect_no_change({"sell", kSpareEan13, "1", "--warehouse", "shop"}, 65, "unknown code");
  expect_no_change({"move", "NOPE-1", "1", "--from", "shop", "--to", "depot"}, 65,
                   "unknown code 'NOPE-1'");
  expect_no_change({"receive", "4006381333932", "1", "--warehouse", "shop"}, 65,
                   "should be 1, not 2");
  EXPECT_EQ(qty(kApple, "shop"), 5);
}

}  // namespace
}  // namespace shelfnode::cli_test
