#include "shelfnode/session/scan_session.h"

#include <string>

#include "shelfnode/catalog/catalog.h"
#include "shelfnode/ledger/warehouses.h"
#include "support/ledger_fixture.h"

namespace shelfnode::session {
namespace {

TEST(SplitQuantity, SuffixRules) {
  auto q = split_quantity("ABC*12");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->code, "ABC");
  EXPECT_EQ(q->quantity, 12);
  EXPECT_TRUE(q->has_suffix);
  q = split_quantity("ABC");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->quantity, 1);
  EXPECT_FALSE(q->has_suffix);
  EXPECT_FALSE(split_quantity("ABC*").ok());
  EXPECT_FALSE(split_quantity("ABC*0").ok());
  EXPECT_FALSE(split_quantity("ABC*1x").ok());
  EXPECT_FALSE(split_quantity("ABC*100000").ok());
  EXPECT_TRUE(split_quantity("ABC*99999").ok());
  EXPECT_FALSE(split_quantity("ABC*-3").ok());
}

class ScanSessionTest : public shelfnode::testing::LedgerFixture {
 protected:
  void SetUp() override {
    LedgerFixture::SetUp();
    shop_ = ledger::add_warehouse(*db_, "shop", true, clock_)->id;
    const std::string in("sku,name,barcode\nMUG,Mug,4006381333931\nTEE,Tee,\n");
    ASSERT_TRUE(catalog::import_csv(*db_, in, clock_).ok());
  }
  std::vector<std::string> run(ScanSession& s, std::vector<std::string> lines, Status& worst) {
    return s.process_batch(lines, worst);
  }
  std::int64_t shop_ = 0;
};

TEST_F(ScanSessionTest, OneReplyPerLineInOrder) {
  ScanSession s(*db_, *ledger_, shop_, ScanMode::kSell, "scan:test");
  Status worst;
  auto replies =
      run(s, {"MUG", "NOPE", "4006381333931*3", "(01)04006381333931(30)12", "TEE*x"}, worst);
  ASSERT_EQ(replies.size(), 5u);
  EXPECT_EQ(replies[0].substr(0, 3), "OK ");
  EXPECT_EQ(replies[0].substr(replies[0].size() - 6), " MUG 1");
  EXPECT_EQ(replies[1].substr(0, 21), "ERR unknown code 'NOP");
  EXPECT_EQ(replies[2].substr(replies[2].size() - 6), " MUG 3");
  EXPECT_EQ(replies[3].substr(replies[3].size() - 7), " MUG 12");
  EXPECT_EQ(replies[4].substr(0, 4), "ERR ");
  EXPECT_EQ(worst.code(), Code::kBadData);
  EXPECT_EQ(*ledger_->quantity("MUG", shop_), -16);
  EXPECT_EQ(scalar("SELECT count(*) FROM movements WHERE source = 'scan:test'"), 3);
}

TEST_F(ScanSessionTest, Gs1CountAndSuffixTogetherAreRefused) {
  ScanSession s(*db_, *ledger_, shop_, ScanMode::kReceive, "scan:test");
  Status worst;
  auto replies = run(s, {"(01)04006381333931(30)12*2"}, worst);
  // '*' is part of the GS1 data, so (30) is "12*2", which is not a count.
  EXPECT_NE(replies[0].find("ERR '*' belongs to the GS1 data"), std::string::npos) << replies[0];
  EXPECT_EQ(scalar("SELECT count(*) FROM movements"), 0);
}

// '*' is a character of GS1 data (character set 82, and legal in URIs): the GS1 Syntax Engine
// reads each of these as one unit, and so must both the till and `catalog find`.
TEST_F(ScanSessionTest, StarInsideGs1DataIsNeverAQuantity) {
  const std::vector<std::string> codes = {
      "(01)04006381333931(10)AB*5",
      "]C1010400638133393121SN*12",
      "https://id.gs1.org/01/04006381333931/10/AB*15",
      "https://id.gs1.org/01/04006381333931?utm_content=x*6",
      "https://id.gs1.org/01/04006381333931#frag*3",
      "(01)04006381333931(10)AB*C",
      "]Q1https://id.gs1.org/01/04006381333931/21/S*2",
      "]J1010400638133393110AB*4",
  };
  ScanSession s(*db_, *ledger_, shop_, ScanMode::kReceive, "scan:test");
  Status worst;
  auto replies = run(s, codes, worst);
  for (std::size_t i = 0; i < codes.size(); ++i) {
    EXPECT_EQ(replies[i].substr(0, 3), "OK ") << codes[i] << " -> " << replies[i];
    EXPECT_EQ(replies[i].substr(replies[i].size() - 6), " MUG 1") << codes[i];
    Result<catalog::Match> m = catalog::find(*db_, codes[i]);
    ASSERT_TRUE(m.ok()) << codes[i] << ": " << m.status().message();
    EXPECT_EQ(m->sku, "MUG");
    Result<QuantifiedCode> q = split_quantity(codes[i]);
    ASSERT_TRUE(q.ok()) << codes[i];
    EXPECT_FALSE(q->has_suffix) << codes[i];
  }
  EXPECT_EQ(*ledger_->quantity("MUG", shop_), static_cast<std::int64_t>(codes.size()));
  // Outside GS1 data the suffix still works, also after a plain ]E0 EAN.
  replies = run(s, {"]E04006381333931*3", "https://shop.example/p/mug*2"}, worst);
  EXPECT_EQ(replies[0].substr(replies[0].size() - 6), " MUG 3") << replies[0];
  EXPECT_NE(replies[1].find("unknown code 'https://shop.example/p/mug'"), std::string::npos)
      << replies[1];
}

TEST_F(ScanSessionTest, CountModeIsAStocktakeAcrossBatches) {
  ASSERT_TRUE(db_->exec("INSERT INTO stock VALUES ('MUG', 1, 40)").ok());
  ScanSession s(*db_, *ledger_, shop_, ScanMode::kCount, "scan:test");
  Status worst;
  run(s, {"MUG", "MUG*2"}, worst);
  EXPECT_EQ(*ledger_->quantity("MUG", shop_), 3);
  run(s, {"MUG"}, worst);
  EXPECT_EQ(*ledger_->quantity("MUG", shop_), 4);
  EXPECT_EQ(scalar("SELECT count(*) FROM movements WHERE kind = 'count'"), 3);
  ScanSession next(*db_, *ledger_, shop_, ScanMode::kCount, "scan:test");
  run(next, {"MUG*2"}, worst);
  EXPECT_EQ(*ledger_->quantity("MUG", shop_), 2) << "a new session starts a new count";
}

TEST_F(ScanSessionTest, AStorageFailureRefusesTheWholeBatch) {
  ScanSession s(*db_, *ledger_, shop_, ScanMode::kReceive, "scan:test");
  Status worst;
  run(s, {"MUG"}, worst);
  ASSERT_TRUE(worst.ok());
  // Break the stock table so the second write of the batch fails after the first succeeded.
  ASSERT_TRUE(db_->exec("CREATE TRIGGER no_tee BEFORE INSERT ON movements WHEN NEW.sku = 'TEE'"
                        " BEGIN SELECT RAISE(FAIL, 'simulated I/O failure'); END")
                  .ok());
  auto replies = run(s, {"MUG", "TEE", "MUG"}, worst);
  for (const auto& r : replies) EXPECT_EQ(r.substr(0, 4), "ERR ") << r;
  EXPECT_NE(replies[0].find("not stored, scan again"), std::string::npos) << replies[0];
  EXPECT_FALSE(worst.ok());
  EXPECT_EQ(*ledger_->quantity("MUG", shop_), 1) << "the batch must be rolled back whole";
  EXPECT_EQ(scalar("SELECT count(*) FROM movements"), 1);
}

TEST_F(ScanSessionTest, OverlongLinesAndMultilineErrorsStayOneLine) {
  ScanSession s(*db_, *ledger_, shop_, ScanMode::kSell, "scan:test");
  Status worst;
  auto replies = run(s, {std::string(5000, '7')}, worst);
  EXPECT_NE(replies[0].find("longer than 4096"), std::string::npos);
  for (const auto& r : replies) EXPECT_EQ(r.find('\n'), std::string::npos);
}

// A scan can carry anything; a reply may only carry printable text (core/printable.h).
TEST_F(ScanSessionTest, RepliesEscapeControlsAndInvalidUtf8FromTheScan) {
  ScanSession s(*db_, *ledger_, shop_, ScanMode::kSell, "scan:test");
  Status worst;
  auto replies = run(s,
                     {"\xC2\x9B"
                      "31mMUG",
                      "BAD\xFF\xFE", "MUG*1\x1B[2J", "MUG*1\r\n", "Crème brûlée"},
                     worst);
  ASSERT_EQ(replies.size(), 5u);
  EXPECT_EQ(replies[0].rfind("ERR unknown code '\\xC2\\x9B31mMUG'", 0), 0u) << replies[0];
  EXPECT_EQ(replies[1].rfind("ERR unknown code 'BAD\\xFF\\xFE'", 0), 0u) << replies[1];
  EXPECT_NE(replies[2].find("not '1\\x1B[2J'"), std::string::npos) << replies[2];
  EXPECT_NE(replies[3].find("not '1\\x0D\\x0A'"), std::string::npos) << replies[3];
  EXPECT_EQ(replies[4].rfind("ERR unknown code 'Crème brûlée'", 0), 0u) << replies[4];
  for (const auto& r : replies) {
    for (char c : r) {
      const auto u = static_cast<unsigned char>(c);
      EXPECT_FALSE(u < 0x20 || u == 0x7F || u == 0xFF || u == 0xFE || u == 0x9B) << r;
    }
  }
}

}  // namespace
}  // namespace shelfnode::session
