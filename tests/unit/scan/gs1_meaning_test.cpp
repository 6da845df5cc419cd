#include "scan/gs1_meaning.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace shelfnode::scan {
namespace {

using Elements = std::vector<Gs1Element>;

// What apply_gs1_elements says about `elements`: "" when accepted, else the message.
std::string verdict(const Elements& elements) {
  ScanCode code;
  Status s = apply_gs1_elements(elements, code);
  return s.ok() ? "" : s.message();
}

Gs1Element e(const char* ai, const char* value) {
  return Gs1Element{ai, value};
}

const Gs1Element kGtin = e("01", "09506000134352");

TEST(Gs1Repeats, TheSameElementTwiceIsOneElement) {
  EXPECT_EQ(verdict({kGtin, e("10", "A"), e("10", "A")}), "");
  EXPECT_EQ(verdict({kGtin, kGtin}), "");
  EXPECT_EQ(verdict({kGtin, e("3102", "001250"), e("3102", "001250"), e("3202", "002756")}), "");
  Elements many{kGtin};
  for (int i = 0; i < 1000; ++i) many.push_back(e("10", "LOT"));
  EXPECT_EQ(verdict(many), "");
  many.push_back(e("10", "OTHER"));
  EXPECT_NE(verdict(many).find("(10) appears twice, as \"LOT\" and \"OTHER\""), std::string::npos);
}

TEST(Gs1Repeats, OneAiWithTwoValuesIsRefused) {
  const std::string twice = verdict({kGtin, e("10", "A"), e("10", "B")});
  EXPECT_NE(twice.find("ambiguous GS1 code: (10) appears twice, as \"A\" and \"B\""),
            std::string::npos)
      << twice;
  EXPECT_NE(verdict({kGtin, e("01", "00012345678905")}).find("(01) appears twice"),
            std::string::npos);
}

TEST(Gs1Repeats, TwoDecimalsOfOneMeasureAreRefused) {
  const std::string two = verdict({kGtin, e("3102", "001250"), e("3103", "012500")});
  EXPECT_NE(two.find("(3102) and (3103) give the same measure twice"), std::string::npos) << two;
}

// With several conflicts the message names the pair the first element of the string is in,
// with the first element after it that conflicts with it.
TEST(Gs1Repeats, TheFirstConflictInTheStringIsNamed) {
  const auto names = [](const Elements& elements, const std::string& fragment) {
    const std::string v = verdict(elements);
    EXPECT_NE(v.find(fragment), std::string::npos) << v;
  };
  names({e("10", "A"), e("3102", "000001"), e("3103", "000001"), e("10", "B")},
        "(10) appears twice, as \"A\" and \"B\"");
  names({e("3102", "000001"), e("10", "A"), e("10", "B"), e("3103", "000001")},
        "(3102) and (3103) give the same measure twice");
  names({e("10", "A"), e("10", "A"), e("10", "B"), e("10", "C")}, "as \"A\" and \"B\"");
  names({e("10", "A"), e("21", "X"), e("10", "A"), e("21", "Y")}, "(21) appears twice");
  names({e("3102", "000001"), e("3102", "000001"), e("3104", "000001"), e("3103", "000001")},
        "(3102) and (3104)");
}

// The rule as it was first written, pair by pair: the reference for the property below.
std::string reference(const Elements& elements) {
  for (std::size_t i = 0; i < elements.size(); ++i) {
    for (std::size_t j = i + 1; j < elements.size(); ++j) {
      const Gs1Element& a = elements[i];
      const Gs1Element& b = elements[j];
      if (a.ai == b.ai && a.value != b.value) {
        return "(" + a.ai + ") appears twice, as \"" + a.value + "\" and \"" + b.value + "\"";
      }
      if (a.ai.size() == 4 && b.ai.size() == 4 && a.ai != b.ai &&
          a.ai.compare(0, 3, b.ai, 0, 3) == 0) {
        return "(" + a.ai + ") and (" + b.ai + ") give the same measure twice";
      }
    }
  }
  return "";
}

TEST(Gs1Repeats, SameVerdictAsThePairwiseRuleOnRandomStrings) {
  const Elements pool{e("10", "A"),        e("10", "B"),        e("21", "X"),
                      e("21", "Y"),        e("3102", "000001"), e("3102", "000002"),
                      e("3103", "000001"), e("3202", "000001"), e("3203", "000001"),
                      e("17", "261231")};
  std::mt19937 random(20240611);
  for (int round = 0; round < 20000; ++round) {
    Elements elements{kGtin};
    const int n = static_cast<int>(random() % 12);
    for (int i = 0; i < n; ++i) elements.push_back(pool[random() % pool.size()]);
    const std::string expected = reference(elements);
    const std::string got = verdict(elements);
    if (expected.empty()) {
      EXPECT_EQ(got, "") << "round " << round;
    } else {
      EXPECT_NE(got.find(expected), std::string::npos) << got << " vs " << expected;
    }
    if (HasFailure()) break;
  }
}

}  // namespace
}  // namespace shelfnode::scan
