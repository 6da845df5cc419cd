#include "shelfnode/core/json.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>

namespace shelfnode {
namespace {

using namespace std::string_literals;

TEST(Json, TheValueMustBeTheWholeText) {
  for (const std::string& text : {R"({"a":1} {"b":2})"s, R"({"a":1}})"s, R"([1]])"s, "1 2"s,
                                  R"({"a":1} x)"s, "{}\x01"s, "{}\xEF\xBB\xBF"s}) {
    EXPECT_EQ(parse_json(text), nullptr) << text;
  }
  for (const std::string& text : {"{}"s, " {} \r\n\t"s, "\n[1, 2]\n"s, "1"s, "\"s\""s}) {
    EXPECT_NE(parse_json(text), nullptr) << text;
  }
}

TEST(Json, ANulByteAnywhereIsNotJson) {
  for (const std::string& text :
       {"{}"s + '\0', R"({"a":)"s + '\0' + "1}", R"(["a)"s + '\0' + R"(b"])", '\0' + "{}"s}) {
    EXPECT_EQ(parse_json(text), nullptr) << text;
  }
}

// RFC 8259 §8.1: one byte order mark may be ignored at the start of the text, nowhere else.
TEST(Json, AByteOrderMarkOnlyAtTheVeryStart) {
  const std::string bom = "\xEF\xBB\xBF";
  for (const std::string& text : {bom + "{}", bom + "1", bom + " [1]"}) {
    EXPECT_NE(parse_json(text), nullptr) << text;
  }
  for (const std::string& text : {" " + bom + "{}", bom + bom + "{}", "[" + bom + "1]", bom}) {
    EXPECT_EQ(parse_json(text), nullptr) << text;
  }
}

// `json` is one member {"n": ...}; what whole_number_at makes of it.
Result<std::optional<std::int64_t>> number_in(const std::string& json, std::int64_t min,
                                              std::int64_t max,
                                              DigitsText digits = DigitsText::kRefused) {
  JsonPtr root = parse_json(R"({"n": )" + json + "}");
  EXPECT_NE(root, nullptr) << json;
  return whole_number_at(root.get(), "n", min, max, digits);
}

std::string refusal(const std::string& json, std::int64_t min, std::int64_t max,
                    DigitsText digits = DigitsText::kRefused) {
  Result<std::optional<std::int64_t>> r = number_in(json, min, max, digits);
  EXPECT_FALSE(r.ok()) << json;
  if (r.ok()) return "";
  EXPECT_EQ(r.status().code(), Code::kBadData);
  return r.status().message();
}

constexpr std::int64_t kInt64Max = INT64_MAX;

TEST(WholeNumber, ReadsWholeExactNumbersInRange) {
  EXPECT_EQ(*number_in("0", 0, 10), 0);
  EXPECT_EQ(*number_in("10", 0, 10), 10);
  EXPECT_EQ(*number_in("-7", -10, 10), -7);
  EXPECT_EQ(*number_in("1e3", 0, 1000), 1000);
  EXPECT_EQ(*number_in("2.0", 0, 10), 2);
  EXPECT_EQ(*number_in("9007199254740991", 0, kInt64Max), 9007199254740991);
  EXPECT_EQ(*number_in("-9007199254740991", -kInt64Max, 0), -9007199254740991);
  EXPECT_FALSE(number_in("null", 0, 10)->has_value());
  JsonPtr empty = parse_json("{}");
  EXPECT_FALSE(whole_number_at(empty.get(), "n", 0, 10)->has_value());
  EXPECT_FALSE(whole_number_at(nullptr, "n", 0, 10)->has_value());
}

TEST(WholeNumber, RefusesWhatCannotBeReadExactly) {
  EXPECT_EQ(refusal("1e300", 0, 100), "'n': 1e+300 is not a whole number from 0 to 100");
  EXPECT_NE(refusal("-1e300", 0, 100).find("-1e+300 is not"), std::string::npos);
  // 1e400 is valid JSON that cJSON reads as infinity (JSON has no NaN to send).
  EXPECT_EQ(refusal("1e400", 0, 100),
            "'n': a number beyond any range is not a whole number "
            "from 0 to 100");
  EXPECT_NE(refusal("-1e400", -100, 100).find("beyond any range"), std::string::npos);
  // 2^53 + 1 reads as 2^53: a number that large is not trusted, whatever the range.
  EXPECT_NE(refusal("9007199254740993", 0, kInt64Max).find("from 0 to 9007199254740991"),
            std::string::npos);
  refusal("9007199254740992", 0, kInt64Max);
  refusal("-9007199254740992", -kInt64Max, 0);
  EXPECT_NE(refusal("1.5", 0, 10).find("1.5 is not"), std::string::npos);
  refusal("-0.5", -10, 10);
  EXPECT_NE(refusal("-1", 0, 10).find("from 0 to 10"), std::string::npos);
  refusal("11", 0, 10);
  refusal("true", 0, 10);
  refusal("[1]", 0, 10);
  refusal(R"({"v": 1})", 0, 10);
  EXPECT_NE(refusal(R"("5")", 0, 10).find(R"("5" is not)"), std::string::npos)
      << "a string is a number only where Wix sends numbers as strings";
}

TEST(WholeNumber, DecimalStringsWhereWixSendsThem) {
  const DigitsText text = DigitsText::kAccepted;
  EXPECT_EQ(*number_in(R"("42")", 0, 100, text), 42);
  EXPECT_EQ(*number_in(R"("-42")", -100, 100, text), -42);
  EXPECT_EQ(*number_in(R"("007")", 0, 100, text), 7);
  EXPECT_EQ(*number_in(R"("9223372036854775807")", 0, kInt64Max, text), kInt64Max);
  EXPECT_EQ(*number_in(R"("-9223372036854775808")", INT64_MIN, 0, text), INT64_MIN);
  EXPECT_EQ(*number_in(R"("9007199254740993")", 0, kInt64Max, text), 9007199254740993)
      << "text is exact, unlike a JSON number";
  EXPECT_EQ(*number_in("12", 0, 100, text), 12) << "numbers stay numbers";
  for (const char* bad : {R"("")", R"("-")", R"("+1")", R"(" 1")", R"("1 ")", R"("1.0")",
                          R"("1e3")", R"("0x10")", R"("--1")", R"("12345678901234567890")",
                          R"("9223372036854775808")", R"("-9223372036854775809")"}) {
    refusal(bad, INT64_MIN, kInt64Max, text);
  }
  EXPECT_NE(refusal(R"("12345678901234567890")", 0, kInt64Max, text).find("12345678901234567890"),
            std::string::npos);
  refusal(R"("101")", 0, 100, text);
  refusal(R"("-1")", 0, 100, text);
}

}  // namespace
}  // namespace shelfnode
