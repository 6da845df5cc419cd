#include "scan/gs1_element_string.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "scan/gs1_ai_table.h"
#include "scan/gs1_ai_value.h"
#include "scan_test_parts.h"
#include "shelfnode/scan/scan_code.h"

namespace shelfnode::scan {
namespace {

using Elements = std::vector<Gs1Element>;

std::string error_of(const Result<Elements>& r) {
  return r.ok() ? "" : r.status().message();
}

void expect_bad(const Result<Elements>& r, const std::string& fragment) {
  ASSERT_FALSE(r.ok()) << "expected an error containing: " << fragment;
  EXPECT_EQ(r.status().code(), Code::kBadData);
  EXPECT_NE(r.status().message().find(fragment), std::string::npos) << r.status().message();
}

TEST(Gs1Raw, FixedFieldsNeedNoSeparator) {
  Result<Elements> r = parse_raw(join({"0109506000134352", "17261231", "3103001250"}));
  ASSERT_TRUE(r.ok()) << error_of(r);
  EXPECT_EQ(*r, (Elements{{"01", "09506000134352"}, {"17", "261231"}, {"3103", "001250"}}));
}

TEST(Gs1Raw, VariableFieldEndsAtGroupSeparator) {
  Result<Elements> r = parse_raw(join({"0109506000134352", "10ABC123", kGs, "17261231"}));
  ASSERT_TRUE(r.ok()) << error_of(r);
  EXPECT_EQ(*r, (Elements{{"01", "09506000134352"}, {"10", "ABC123"}, {"17", "261231"}}));
}

TEST(Gs1Raw, VariableFieldAtEndNeedsNoSeparator) {
  Result<Elements> r = parse_raw(join({"0109506000134352", "17261231", "21SN-42/x"}));
  ASSERT_TRUE(r.ok()) << error_of(r);
  EXPECT_EQ(*r, (Elements{{"01", "09506000134352"}, {"17", "261231"}, {"21", "SN-42/x"}}));
}

TEST(Gs1Raw, ToleratesHarmlessSeparators) {
  // Leading FNC1 sent as GS, a GS after a fixed field, and a trailing GS.
  Result<Elements> r = parse_raw(join({kGs, "0109506000134352", kGs, "10LOT7", kGs}));
  ASSERT_TRUE(r.ok()) << error_of(r);
  EXPECT_EQ(*r, (Elements{{"01", "09506000134352"}, {"10", "LOT7"}}));
}

TEST(Gs1Raw, MissingSeparatorMakesVariableFieldTooLong) {
  // Without the GS, (10) swallows "17261231" and runs past 20 characters.
  expect_bad(parse_raw(join({"0109506000134352", "10ABCDEFGHIJKLM", "17261231"})),
             "set the scanner to transmit FNC1 as GS");
}

TEST(Gs1Raw, RejectsMalformedData) {
  expect_bad(parse_raw("0109506000134353"), "should be 2, not 3");
  expect_bad(parse_raw("01095060001343"), "must be exactly 14");
  expect_bad(parse_raw(join({"0109506", kGs, "10ABC"})), "must be exactly 14");
  expect_bad(parse_raw(join({"0109506000134352", "14TESTING"})), "\"14TE\" at position 17");
  expect_bad(parse_raw(join({"0109506000134352", "3106001250"})), "\"3106\"");
  expect_bad(parse_raw(join({"0109506000134352", "10AB", kGs, kGs, "17261231"})),
             "two GS separators");
  expect_bad(parse_raw(join({"0109506000134352", "10AB CD"})), "character 3 is 0x20");
  expect_bad(parse_raw(join({"0109506000134352", "10AB#CD"})), "'#' (0x23)");
  expect_bad(parse_raw(join({"0109506000134352", "10", kGs, "17261231"})), "is empty");
  expect_bad(parse_raw(join({"0109506000134352", "201a"})), "must be digits only");
  expect_bad(parse_raw(join({"0109506000134352", "30123456789"})), "at most 8");
  expect_bad(parse_raw("\x1D"), "no data");
  expect_bad(parse_raw(""), "no data");
}

TEST(Gs1Raw, SsccCheckDigitIsValidated) {
  EXPECT_TRUE(parse_raw("00106141411234567897").ok());
  expect_bad(parse_raw("00106141411234567898"), "should be 7, not 8");
}

TEST(Gs1Dates, MonthAndDayRules) {
  const AiDefinition* expiry = find_ai("17");
  ASSERT_NE(expiry, nullptr);
  for (const char* ok : {"261231", "260100", "260200", "240229", "000229", "261130", "260131"}) {
    EXPECT_TRUE(check_ai_value(*expiry, ok).ok()) << ok;
  }
  for (const char* bad : {"261331", "260015", "250229", "260230", "260431", "260132", "269999"}) {
    EXPECT_FALSE(check_ai_value(*expiry, bad).ok()) << bad;
  }
  const Status month = check_ai_value(*expiry, "261331");
  EXPECT_NE(month.message().find("month 13 is not 01-12"), std::string::npos) << month.message();
  const Status day = check_ai_value(*expiry, "250229");
  EXPECT_NE(day.message().find("day 29 does not exist in month 02"), std::string::npos)
      << day.message();
  for (const char* ai : {"11", "13", "15", "16"}) {
    EXPECT_FALSE(check_ai_value(*find_ai(ai), "261301").ok()) << ai;
  }
}

TEST(Gs1Measures, DecimalsComeFromTheFourthDigit) {
  for (int n = 0; n <= 5; ++n) {
    const std::string kg = "310" + std::to_string(n);
    const std::string lb = "320" + std::to_string(n);
    ASSERT_NE(find_ai(kg), nullptr) << kg;
    ASSERT_NE(find_ai(lb), nullptr) << lb;
    EXPECT_EQ(find_ai(kg)->decimals, n);
    EXPECT_EQ(find_ai(lb)->decimals, n);
  }
  EXPECT_EQ(find_ai("3106"), nullptr);
  EXPECT_EQ(find_ai("3209"), nullptr);
  EXPECT_EQ(measure_text("001250", 3), "1.250");
  EXPECT_EQ(measure_text("001250", 0), "1250");
  EXPECT_EQ(measure_text("000005", 5), "0.00005");
  EXPECT_EQ(measure_text("123456", 2), "1234.56");
}

TEST(Gs1Bracketed, ParsesTheHumanReadableForm) {
  Result<Elements> r = parse_bracketed("(01)09506000134352(10)ABC123(17)261231");
  ASSERT_TRUE(r.ok()) << error_of(r);
  EXPECT_EQ(*r, (Elements{{"01", "09506000134352"}, {"10", "ABC123"}, {"17", "261231"}}));
}

TEST(Gs1Bracketed, EscapedParenthesisIsPartOfTheValue) {
  Result<Elements> r = parse_bracketed("(01)09506000134352(10)A\\(B)C");
  ASSERT_TRUE(r.ok()) << error_of(r);
  EXPECT_EQ(*r, (Elements{{"01", "09506000134352"}, {"10", "A(B)C"}}));
}

TEST(Gs1Bracketed, RejectsMalformedData) {
  expect_bad(parse_bracketed("(01)09506000134353"), "should be 2, not 3");
  expect_bad(parse_bracketed("(01)0950600013435"), "must be exactly 14");
  expect_bad(parse_bracketed("(01)09506000134352(14)X"), "\"14\"");
  expect_bad(parse_bracketed("(10)ABCDEFGHIJKLMNOPQRSTU"), "at most 20");
  expect_bad(parse_bracketed("(17)261331"), "month 13");
  expect_bad(parse_bracketed("(01)09506000134352(10)A(B"), "expected an AI in brackets");
  expect_bad(parse_bracketed("(1)5"), "expected an AI in brackets");
  expect_bad(parse_bracketed("(10)"), "is empty");
}

TEST(Gs1Bracketed, Detection) {
  EXPECT_TRUE(looks_bracketed("(01)09506000134352"));
  EXPECT_TRUE(looks_bracketed("(3103)001250"));
  EXPECT_FALSE(looks_bracketed("(1)x"));
  EXPECT_FALSE(looks_bracketed("(31033)x"));
  EXPECT_FALSE(looks_bracketed("(sale) shirt"));
  EXPECT_FALSE(looks_bracketed("01)"));
}

}  // namespace
}  // namespace shelfnode::scan
