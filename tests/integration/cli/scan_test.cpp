// scan with all input piped at once: one reply per non-blank line, in order.
#include "cli_fixture.h"

namespace shelfnode::cli_test {
namespace {

class ScanTest : public CliTest {
 protected:
  void SetUp() override { init_store(); }

  support::RunResult scan(const std::string& mode, const std::string& input,
                          const std::string& warehouse = "shop") {
    return sn({"scan", "--warehouse", warehouse, "--mode", mode}, input);
  }

  // Checks "OK <uuid> <sku> <qty>" exactly.
  void expect_ok(const std::string& line, const std::string& sku, int qty) {
    EXPECT_TRUE(starts_with(line, "OK ")) << line;
    EXPECT_TRUE(line.size() > 40 && is_movement_uuid(line.substr(3, 36))) << line;
    EXPECT_EQ(line.size() > 39 ? line.substr(39) : line, " " + sku + " " + std::to_string(qty))
        << line;
  }

  void expect_err(const std::string& line, const std::string& needle) {
    EXPECT_TRUE(starts_with(line, "ERR ")) << line;
    EXPECT_TRUE(contains(line, needle)) << "want '" << needle << "' in: " << line;
  }
};

TEST_F(ScanTest, OneReplyPerLineInOrder) {
  support::RunResult r =
      scan("sell", std::string(kAppleEan13) + "\n" + kAppleEan13 + "*3\nBAD\n" + kBread + "\n");
  EXPECT_EQ(r.exit_code, 65) << describe(r);
  const std::vector<std::string> lines = split_lines(r.out);
  ASSERT_EQ(lines.size(), 4u) << r.out;
  expect_ok(lines[0], kApple, 1);
  expect_ok(lines[1], kApple, 3);
  expect_err(lines[2], "unknown code 'BAD': not a SKU, barcode or alias in the catalog");
  expect_ok(lines[3], kBread, 1);
  EXPECT_NE(lines[0].substr(3, 36), lines[1].substr(3, 36));
  EXPECT_EQ(qty(kApple, "shop"), -4);
  EXPECT_EQ(qty(kBread, "shop"), -1);
}

TEST_F(ScanTest, ExitsZeroWhenEveryScanIsAcknowledged) {
  support::RunResult r = scan("receive", std::string(kApple) + "\n" + kColaEan8 + "*2\n");
  EXPECT_EQ(r.exit_code, 0) << describe(r);
  const std::vector<std::string> lines = split_lines(r.out);
  ASSERT_EQ(lines.size(), 2u) << r.out;
  expect_ok(lines[0], kApple, 1);
  expect_ok(lines[1], kCola, 2);
  EXPECT_EQ(qty(kApple, "shop"), 1);
  EXPECT_EQ(qty(kCola, "shop"), 2);
}

TEST_F(ScanTest, EmptyInputIsFine) {
  support::RunResult r = scan("sell", "");
  EXPECT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(r.out, "");
}

TEST_F(ScanTest, BlankLinesCrlfAndAFinalLineWithoutNewline) {
  support::RunResult r = scan(
      "receive", std::string("\n") + kApple + "\r\n\r\n\n" + kBreadUpcA + "*2\r\n" + kColaEan8);
  EXPECT_EQ(r.exit_code, 0) << describe(r);
  const std::vector<std::string> lines = split_lines(r.out);
  ASSERT_EQ(lines.size(), 3u) << r.out;
  expect_ok(lines[0], kApple, 1);
  expect_ok(lines[1], kBread, 2);
  expect_ok(lines[2], kCola, 1);
  EXPECT_EQ(r.out.back(), '\n');
  EXPECT_EQ(qty(kCola, "shop"), 1);
}

TEST_F(ScanTest, Gs1CountSetsTheQuantity) {
  support::RunResult r = scan("receive", std::string("(01)") + kAppleGtin14 + "(30)12\n");
  EXPECT_EQ(r.exit_code, 0) << describe(r);
  expect_ok(split_lines(r.out).at(0), kApple, 12);
  EXPECT_EQ(qty(kApple, "shop"), 12);
}

TEST_F(ScanTest, BadQuantitiesAreRefusedLineByLine) {
  write_config(R"({"scan": {"max_quantity": 99999}})");
  const std::string gs1 = std::string("(01)") + kAppleGtin14 + "(30)12";
  support::RunResult r =
      scan("receive", gs1 + "*2\n" + kApple + "*0\n" + kApple + "*abc\n" + kApple + "*\n" + kApple +
                          "*100000\n" + kApple + "*99999\n");
  EXPECT_EQ(r.exit_code, 65) << describe(r);
  const std::vector<std::string> lines = split_lines(r.out);
  ASSERT_EQ(lines.size(), 6u) << r.out;
  // '*' is a character of GS1 data, so (30) reads "12*2": no count, and no suffix either.
  expect_err(lines[0], "'*' belongs to the GS1 data, so no *QTY can follow it");
  expect_err(lines[1], "quantity 0 is out of range");
  expect_err(lines[2], "must be a whole number (e.g. CODE*3), not 'abc'");
  expect_err(lines[3], "quantity after '*' must be 1 to 99999");
  expect_err(lines[4], "quantity 100000 is out of range");
  expect_ok(lines[5], kApple, 99999);
  EXPECT_EQ(qty(kApple, "shop"), 99999);
}

// The real binary, both entry points: `scan` and `catalog find` read each of these as one unit
// of the apple, as the GS1 Syntax Engine does ('*' is in character set 82 and legal in URIs).
TEST_F(ScanTest, AStarInGs1DataIsDataNotAQuantity) {
  const std::string g = kAppleGtin14;
  const std::vector<std::string> codes = {
      "(01)" + g + "(10)AB*5",
      "]C101" + g + "21SN*12",
      "https://id.gs1.org/01/" + g + "/10/AB*15",
      "https://id.gs1.org/01/" + g + "?utm_content=x*6",
      "https://id.gs1.org/01/" + g + "#frag*3",
      "(01)" + g + "(10)AB*C",
      "]J101" + g + "10AB*4",
  };
  std::string input;
  for (const std::string& c : codes) input += c + "\n";
  support::RunResult r = scan("receive", input);
  EXPECT_EQ(r.exit_code, 0) << describe(r);
  const std::vector<std::string> lines = split_lines(r.out);
  ASSERT_EQ(lines.size(), codes.size()) << r.out;
  for (const std::string& line : lines) expect_ok(line, kApple, 1);
  EXPECT_EQ(qty(kApple, "shop"), static_cast<std::int64_t>(codes.size()));
  for (const std::string& c : codes) {
    support::RunResult f = sn({"catalog", "find", c});
    EXPECT_EQ(f.exit_code, 0) << c << ": " << describe(f);
    EXPECT_TRUE(contains(f.out, kApple)) << c << ": " << f.out;
    EXPECT_FALSE(contains(f.out, "count")) << c << ": " << f.out;
  }
}

TEST_F(ScanTest, BadCheckDigitIsExplained) {
  support::RunResult r = scan("sell", "4006381333932\n");
  EXPECT_EQ(r.exit_code, 65) << describe(r);
  // The clerk reads what to do; the owner finds the detail in the log.
  EXPECT_EQ(split_lines(r.out).at(0), "ERR check digit wrong: scan again, or type the code");
  EXPECT_TRUE(contains(r.err, "event=scan.refused")) << r.err;
  EXPECT_TRUE(contains(r.err, "should be 1, not 2")) << r.err;
  EXPECT_EQ(stock_of(kApple).warehouses.size(), 0u);
}

TEST_F(ScanTest, ARefusalLeadsWithTheReasonAndLeavesTheOwnersAdviceToTheLog) {
  support::RunResult r = scan("sell", "NOPE-9\n");
  EXPECT_EQ(r.exit_code, 65) << describe(r);
  EXPECT_EQ(r.out, "ERR unknown code 'NOPE-9': not a SKU, barcode or alias in the catalog\n");
  EXPECT_TRUE(contains(r.err, "shelfnode alias add CODE SKU")) << r.err;
}

TEST_F(ScanTest, OverlongLineIsRefused) {
  const std::string longest(4096, 'A');
  support::RunResult r =
      scan("receive", std::string(4097, 'A') + "\n" + longest + "\n" + kApple + "\n");
  EXPECT_EQ(r.exit_code, 65) << describe(r);
  const std::vector<std::string> lines = split_lines(r.out);
  ASSERT_EQ(lines.size(), 3u) << r.out.substr(0, 300);
  EXPECT_EQ(lines[0], "ERR scan longer than 4096 characters: check the scanner's suffix setting");
  expect_err(lines[1], "unknown code");  // 4096 is allowed through to the lookup
  expect_ok(lines[2], kApple, 1);
}

TEST_F(ScanTest, ModeCountFirstScanSetsLaterScansAdd) {
  ok({"receive", kApple, "10", "--warehouse", "shop"});
  ok({"receive", kBread, "7", "--warehouse", "shop"});
  support::RunResult r =
      scan("count", std::string(kApple) + "\n" + kAppleEan13 + "\n" + kAppleGtin14 + "\n");
  EXPECT_EQ(r.exit_code, 0) << describe(r);
  const std::vector<std::string> lines = split_lines(r.out);
  ASSERT_EQ(lines.size(), 3u) << r.out;
  for (const std::string& line : lines) expect_ok(line, kApple, 1);
  EXPECT_EQ(qty(kApple, "shop"), 3);
  EXPECT_EQ(qty(kBread, "shop"), 7) << "a SKU not scanned keeps its stock";
  // A new run starts a new stocktake, and quantities add up within it.
  r = scan("count",
           std::string(kApple) + "*5\n" + kApple + "*2\n" + "(01)" + kAppleGtin14 + "(30)4\n");
  EXPECT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(qty(kApple, "shop"), 11);
}

TEST_F(ScanTest, ModeCountRefusesARunningTotalAboveTheMaximum) {
  write_config(R"({"scan": {"max_quantity": 99999}})");
  support::RunResult r = scan("count", std::string(kApple) + "*99999\n" + kApple + "\n");
  EXPECT_EQ(r.exit_code, 65) << describe(r);
  const std::vector<std::string> lines = split_lines(r.out);
  ASSERT_EQ(lines.size(), 2u) << r.out;
  expect_ok(lines[0], kApple, 99999);
  expect_err(lines[1], "would pass 99999");
  EXPECT_EQ(qty(kApple, "shop"), 99999);
}

TEST_F(ScanTest, OtherWarehousesAreUntouched) {
  support::RunResult r = scan("receive", std::string(kApple) + "*2\n", "depot");
  EXPECT_EQ(r.exit_code, 0) << describe(r);
  StockView s = stock_of(kApple);
  EXPECT_EQ(s.qty("depot"), 2);
  EXPECT_EQ(s.qty("shop"), std::nullopt);
  EXPECT_FALSE(s.managed);
}

TEST_F(ScanTest, UsageErrorsExit64) {
  const std::string before = ledger_snapshot();
  const std::string input = std::string(kApple) + "\n";
  expect_refused(sn({"scan", "--warehouse", "shop"}, input), 64, "--mode sell|receive|count");
  expect_refused(sn({"scan", "--mode", "sell"}, input), 64, "--warehouse W");
  expect_refused(sn({"scan", "--warehouse", "shop", "--mode", "steal"}, input), 64,
                 "unknown scan mode 'steal'");
  expect_refused(
      sn({"scan", "--warehouse", "shop", "--mode", "sell", "--source", "bluetooth:x"}, input), 64,
      "scanner source 'bluetooth:x': use stdin, evdev:PATH or serial:PATH");
  expect_refused(
      sn({"scan", "--warehouse", "shop", "--mode", "sell", "--source", "evdev:/dev/x,layout=jp"},
         input),
      64, "unknown keyboard layout 'jp': use us, uk, de, fr");
  expect_refused(sn({"scan", "--warehouse", "a b", "--mode", "sell"}, input), 64,
                 "may only use letters");
  expect_refused(sn({"scan", "--warehouse", "shop", "--mode", "sell", "extra"}, input), 64,
                 "unexpected argument 'extra'");
  EXPECT_EQ(ledger_snapshot(), before);
}

TEST_F(ScanTest, ExplicitStdinSourceWorks) {
  support::RunResult r =
      sn({"scan", "--warehouse", "shop", "--mode", "receive", "--source", "stdin"},
         kApple + std::string("\n"));
  EXPECT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(qty(kApple, "shop"), 1);
}

TEST_F(ScanTest, UnknownWarehouseExits65) {
  const std::string before = ledger_snapshot();
  expect_refused(scan("sell", std::string(kApple) + "\n", "nowhere"), 65,
                 "no warehouse named 'nowhere'");
  EXPECT_EQ(ledger_snapshot(), before);
}

}  // namespace
}  // namespace shelfnode::cli_test
