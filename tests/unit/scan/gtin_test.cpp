#include "shelfnode/scan/gtin.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "scan/check_digit.h"

namespace shelfnode::scan {
namespace {

// Reference written from the definition "the weighted sum of all digits, check digit
// included, with weights 1, 3, 1, 3, ... from the right, is a multiple of 10": try each
// candidate digit instead of computing one.
int reference_check_digit(const std::string& body) {
  for (int candidate = 0; candidate <= 9; ++candidate) {
    const std::string full = body + static_cast<char>('0' + candidate);
    int sum = 0;
    for (std::size_t i = 0; i < full.size(); ++i) {
      const std::size_t from_right = full.size() - 1 - i;
      sum += (full[i] - '0') * (from_right % 2 == 0 ? 1 : 3);
    }
    if (sum % 10 == 0) return candidate;
  }
  return -1;
}

TEST(GtinCheckDigit, KnownVectors) {
  EXPECT_EQ(gtin_check_digit("400638133393"), 1);       // EAN-13 4006381333931
  EXPECT_EQ(gtin_check_digit("9638507"), 4);            // EAN-8 96385074
  EXPECT_EQ(gtin_check_digit("03600029145"), 2);        // UPC-A 036000291452
  EXPECT_EQ(gtin_check_digit("1061414100041"), 5);      // GTIN-14 10614141000415
  EXPECT_EQ(gtin_check_digit("0950600013435"), 2);      // GTIN-14 09506000134352
  EXPECT_EQ(gtin_check_digit("10614141123456789"), 7);  // SSCC 106141411234567897
}

TEST(GtinCheckDigit, RejectsEmptyAndNonDigits) {
  EXPECT_EQ(gtin_check_digit(""), -1);
  EXPECT_EQ(gtin_check_digit("12a4"), -1);
  EXPECT_EQ(gtin_check_digit("12 4"), -1);
}

TEST(GtinCheckDigit, MatchesBruteForceReferenceOnRandomBodies) {
  std::mt19937 rng(20240611);
  std::uniform_int_distribution<int> digit(0, 9);
  for (std::size_t length : {7u, 11u, 12u, 13u, 17u}) {
    for (int round = 0; round < 20000; ++round) {
      std::string body;
      for (std::size_t i = 0; i < length; ++i) body.push_back(static_cast<char>('0' + digit(rng)));
      ASSERT_EQ(gtin_check_digit(body), reference_check_digit(body)) << body;
    }
  }
}

TEST(GtinCheckDigit, EveryBodyDigitChangeChangesTheCheckDigit) {
  const std::string body = "400638133393";
  const int original = gtin_check_digit(body);
  for (std::size_t pos = 0; pos < body.size(); ++pos) {
    for (char d = '0'; d <= '9'; ++d) {
      if (d == body[pos]) continue;
      std::string changed = body;
      changed[pos] = d;
      EXPECT_NE(gtin_check_digit(changed), original) << changed;
    }
  }
}

TEST(NormaliseGtin, PadsValidCodesToFourteenDigits) {
  struct Case {
    const char* in;
    const char* out;
  };
  for (const Case& c :
       {Case{"96385074", "00000096385074"}, Case{"036000291452", "00036000291452"},
        Case{"4006381333931", "04006381333931"}, Case{"10614141000415", "10614141000415"}}) {
    Result<std::string> r = normalise_gtin(c.in);
    ASSERT_TRUE(r.ok()) << c.in << ": " << r.status().message();
    EXPECT_EQ(*r, c.out);
  }
}

TEST(NormaliseGtin, NamesTheExpectedCheckDigit) {
  Result<std::string> r = normalise_gtin("4006381333932");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kBadData);
  EXPECT_EQ(r.status().message(),
            "check digit of 4006381333932 should be 1, not 2: rescan or type the code again");
}

TEST(NormaliseGtin, RejectsWrongLengthsAndNonDigits) {
  for (const char* in : {"", "1234567", "123456789", "12345678901", "123456789012345",
                         "400638133393X", "4006381 33393"}) {
    Result<std::string> r = normalise_gtin(in);
    EXPECT_FALSE(r.ok()) << in;
    EXPECT_EQ(r.status().code(), Code::kBadData) << in;
  }
}

TEST(NormaliseGtin, EverySingleDigitSubstitutionIsDetected) {
  for (const std::string valid :
       {"96385074", "036000291452", "4006381333931", "10614141000415", "09506000134352"}) {
    ASSERT_TRUE(normalise_gtin(valid).ok()) << valid;
    for (std::size_t pos = 0; pos < valid.size(); ++pos) {
      for (char d = '0'; d <= '9'; ++d) {
        if (d == valid[pos]) continue;
        std::string changed = valid;
        changed[pos] = d;
        EXPECT_FALSE(normalise_gtin(changed).ok()) << changed;
      }
    }
  }
}

TEST(CheckDigitProblem, EmptyWhenValidAndExplainsOtherwise) {
  EXPECT_EQ(check_digit_problem("96385074"), "");
  EXPECT_EQ(check_digit_problem("96385075"), "check digit of 96385075 should be 4, not 5");
  EXPECT_NE(check_digit_problem("9"), "");
  EXPECT_NE(check_digit_problem("9638507x"), "");
}

}  // namespace
}  // namespace shelfnode::scan
