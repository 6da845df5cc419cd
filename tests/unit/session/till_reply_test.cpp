#include "shelfnode/session/till_reply.h"

#include <gtest/gtest.h>

namespace shelfnode::session {
namespace {

TEST(TillRefusal, LeadsWithTheReasonAndLeavesTheAdviceToTheLog) {
  const TillRefusal r = till_refusal(
      not_found("unknown code 'NOPE': not in the catalog; run `shelfnode catalog pull`"));
  EXPECT_EQ(r.reply, "ERR unknown code 'NOPE': not in the catalog");
  EXPECT_EQ(r.detail, "unknown code 'NOPE': not in the catalog; run `shelfnode catalog pull`");
}

TEST(TillRefusal, AWrongCheckDigitIsSaidPlainly) {
  const TillRefusal r = till_refusal(
      not_found("unknown code '4006381333932': not a SKU, barcode or alias in the catalog (and "
                "not a valid GTIN: check digit of 4006381333932 should be 1, not 2); run ..."));
  EXPECT_EQ(r.reply, "ERR check digit wrong: scan again, or type the code");
  EXPECT_NE(r.detail.find("should be 1, not 2"), std::string::npos);
}

TEST(TillRefusal, AShortMessageIsKeptWholeWithNothingForTheLog) {
  const TillRefusal r = till_refusal(bad_data("empty scan: scan again"));
  EXPECT_EQ(r.reply, "ERR empty scan: scan again");
  EXPECT_EQ(r.detail, "");
}

TEST(TillRefusal, ALongReasonIsCutOnACharacterWithAnEllipsis) {
  std::string reason;
  for (int i = 0; i < 60; ++i) reason += "\u00e9";  // 2 bytes each
  reason += std::string(60, 'x');
  const TillRefusal r = till_refusal(bad_data(reason));
  std::string expected = "ERR ";
  for (int i = 0; i < 60; ++i) expected += "\u00e9";
  expected += std::string(kTillReasonChars - 61, 'x') + "\u2026";
  EXPECT_EQ(r.reply, expected);
  EXPECT_EQ(r.detail, reason);
}

TEST(TillRefusal, ControlCharactersNeverReachTheTerminal) {
  const TillRefusal r = till_refusal(bad_data("unknown code 'A\rB\x1b[2J'"));
  EXPECT_EQ(r.reply, "ERR unknown code 'A\\x0DB\\x1B[2J'");
}

}  // namespace
}  // namespace shelfnode::session
