#include "gs1_corpus.h"

#include <gtest/gtest.h>

#include <string>

#include "shelfnode/catalog/catalog.h"
#include "shelfnode/ledger/warehouses.h"
#include "shelfnode/scan/scan_code.h"
#include "shelfnode/session/scan_session.h"
#include "support/ledger_fixture.h"

// Holds both entry points that resolve a code, the till (`scan`: ScanSession) and `catalog
// find` (scan::interpret + catalog::find, as firmware/cli/cmd_catalog.cpp), to the verdict the
// GS1 rules give each generated input. They must agree with the rules and with each other.
namespace shelfnode::testing {
namespace {

using Verdict = CorpusCase::Verdict;

std::string describe(const CorpusCase& c) {
  std::string shown;
  for (char ch : c.input) shown += ch == '\x1D' ? std::string("<GS>") : std::string(1, ch);
  return shown;
}

class Gs1CorpusTest : public LedgerFixture {
 protected:
  void SetUp() override {
    LedgerFixture::SetUp();
    shop_ = ledger::add_warehouse(*db_, "shop", true, clock_)->id;
    const std::string in(corpus_catalog_csv());
    auto r = catalog::import_csv(*db_, in, clock_);
    ASSERT_TRUE(r.ok()) << r.status().message();
  }
  std::int64_t shop_ = 0;
};

TEST_F(Gs1CorpusTest, ScanAndCatalogFindGiveTheGs1Verdict) {
  const std::vector<CorpusCase> corpus = generate_gs1_corpus();
  ASSERT_GE(corpus.size(), 2000u);
  RecordProperty("cases", static_cast<int>(corpus.size()));
  std::size_t found = 0, unknown = 0, bad = 0;
  for (const CorpusCase& c : corpus) {
    (c.verdict == Verdict::kFound ? found : c.verdict == Verdict::kUnknown ? unknown : bad) += 1;
  }
  EXPECT_GT(found, 500u);
  EXPECT_GT(unknown, 500u);
  EXPECT_GT(bad, 500u);

  session::ScanSession till(*db_, *ledger_, shop_, session::ScanMode::kReceive, "scan:corpus");
  for (std::size_t start = 0; start < corpus.size(); start += 250) {
    std::vector<std::string> lines;
    for (std::size_t i = start; i < corpus.size() && i < start + 250; ++i) {
      lines.push_back(corpus[i].input);
    }
    Status worst;
    const std::vector<std::string> replies = till.process_batch(lines, worst);
    ASSERT_EQ(replies.size(), lines.size());
    for (std::size_t k = 0; k < lines.size(); ++k) {
      const CorpusCase& c = corpus[start + k];
      const std::string& reply = replies[k];
      // The till's short reply names a wrong check digit alike for a bare number (which may be
      // a SKU, so it is looked up and unknown) and for GS1 data (refused): both are refusals.
      const bool unknown_reply = reply.rfind("ERR unknown code", 0) == 0;
      const bool check_digit_reply = reply.rfind("ERR check digit wrong", 0) == 0;
      switch (c.verdict) {
        case Verdict::kFound: {
          const std::string tail = " " + c.sku + " " + std::to_string(c.quantity);
          EXPECT_TRUE(reply.rfind("OK ", 0) == 0 && reply.size() > tail.size() &&
                      reply.compare(reply.size() - tail.size(), tail.size(), tail) == 0)
              << describe(c) << " -> " << reply << " (want" << tail << ")";
          break;
        }
        case Verdict::kUnknown:
          EXPECT_TRUE(unknown_reply || check_digit_reply) << describe(c) << " -> " << reply;
          break;
        case Verdict::kBad:
          EXPECT_TRUE(reply.rfind("ERR ", 0) == 0 && !unknown_reply)
              << describe(c) << " -> " << reply;
          break;
      }
    }
  }

  for (const CorpusCase& c : corpus) {
    if (c.till_only) continue;
    Result<scan::ScanCode> code = scan::interpret(c.input);
    Result<catalog::Match> m = catalog::find(*db_, c.input);
    switch (c.verdict) {
      case Verdict::kFound:
        ASSERT_TRUE(m.ok()) << describe(c) << ": " << m.status().message();
        EXPECT_EQ(m->sku, c.sku) << describe(c);
        EXPECT_EQ(code->quantity, c.quantity) << describe(c);
        break;
      case Verdict::kUnknown:
        EXPECT_EQ(m.status().code(), Code::kNotFound)
            << describe(c) << ": " << m.status().message();
        break;
      case Verdict::kBad:
        EXPECT_EQ(m.status().code(), Code::kBadData) << describe(c) << ": " << m.status().message();
        EXPECT_FALSE(code.ok()) << describe(c);
        break;
    }
  }
}

}  // namespace
}  // namespace shelfnode::testing
