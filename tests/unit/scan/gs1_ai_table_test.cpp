#include "scan/gs1_ai_table.h"

#include <gtest/gtest.h>

#include <string>

#include "scan/gs1_ai_value.h"
#include "scan/gs1_element_string.h"
#include "scan_test_parts.h"
#include "shelfnode/scan/gtin.h"
#include "shelfnode/scan/scan_code.h"

namespace shelfnode::scan {
namespace {

using Check = AiComponent::Check;
using Charset = AiComponent::Charset;

// A value for `part` that its dictionary check accepts, `length` long.
std::string valid_piece(const AiComponent& part, int length) {
  const char fill = part.charset == Charset::kNumeric ? '1' : 'A';
  std::string s(static_cast<std::size_t>(length), fill);
  switch (part.check) {
    case Check::kCheckDigit:
      s.back() = static_cast<char>('0' + gtin_check_digit(s.substr(0, s.size() - 1)));
      break;
    case Check::kDateOrDay00:
    case Check::kDate:
      return "260115";
    case Check::kDateHour:
      return "26011512";
    case Check::kHourMinute:
      return "1230";
    case Check::kMinuteSecond:
      return length >= 4 ? "3045" : "30";
    case Check::kYesNo:
    case Check::kWinding:
      return "1";
    case Check::kHyphen:
      return "-";
    case Check::kZero:
      return "0";
    case Check::kCountryList:
      return std::string("250276380").substr(0, static_cast<std::size_t>(length / 3 * 3));
    case Check::kPieceOfTotal:
      return "0102";
    default:
      break;
  }
  return s;
}

std::string valid_value(const AiDefinition& def, bool longest) {
  std::string out;
  for (int i = 0; i < def.part_count; ++i) {
    const AiComponent& p = def.parts[static_cast<std::size_t>(i)];
    if (p.min_length == 0 && !longest) continue;
    int length = longest ? p.max_length : std::max(p.min_length, 1);
    if (p.check == Check::kCountryList && !longest) length = 3;
    out += valid_piece(p, length);
  }
  return out;
}

TEST(Gs1AiTable, EveryRowReadsAndIsPrefixFree) {
  int rows = 0;
  for (const AiDefinition* d = ai_table_begin(); d != ai_table_end(); ++d, ++rows) {
    EXPECT_GT(d->part_count, 0) << "format of (" << d->ai << ") does not read";
    EXPECT_GE(d->ai.size(), 2u);
    EXPECT_LE(d->ai.size(), 4u);
    for (const AiDefinition* e = ai_table_begin(); e != ai_table_end(); ++e) {
      if (d == e) continue;
      EXPECT_NE(e->ai.rfind(d->ai, 0), 0u) << d->ai << " is a prefix of " << e->ai;
    }
    // The GS1 table of predefined lengths is by the first two digits.
    const int two = std::stoi(d->ai.substr(0, 2));
    const bool predefined =
        two <= 4 || (two >= 11 && two <= 20) || (two >= 31 && two <= 36) || two == 41;
    EXPECT_EQ(d->predefined_length, predefined) << d->ai;
  }
  EXPECT_GT(rows, 500) << "the whole GS1 AI table";
  EXPECT_EQ(find_ai("14"), nullptr) << "unassigned";
  EXPECT_EQ(find_ai("3106"), nullptr);
  EXPECT_EQ(find_ai("3944"), nullptr);
  EXPECT_EQ(find_ai("3929")->decimals, 9);
}

// Every AI: its shortest and longest valid values pass, bracketed and raw; one character too
// many, an empty value, and a wrong character fail.
TEST(Gs1AiTable, EveryRowValidatesFormatAndLength) {
  for (const AiDefinition* d = ai_table_begin(); d != ai_table_end(); ++d) {
    for (bool longest : {false, true}) {
      const std::string v = valid_value(*d, longest);
      EXPECT_TRUE(check_ai_value(*d, v).ok())
          << d->ai << " " << v << ": " << check_ai_value(*d, v).message();
      const std::string bracketed = "(01)09506000134352(" + d->ai + ")" + v;
      EXPECT_TRUE(parse_bracketed(bracketed).ok()) << bracketed;
      const std::string raw = d->ai + v + std::string(kGs) + "0109506000134352";
      EXPECT_TRUE(parse_raw(raw).ok()) << raw << ": " << parse_raw(raw).status().message();
    }
    const std::string longest = valid_value(*d, true);
    EXPECT_FALSE(check_ai_value(*d, longest + "1").ok()) << d->ai;
    EXPECT_FALSE(check_ai_value(*d, "").ok()) << d->ai;
    std::string wrong = longest;
    wrong[0] = d->parts[0].charset == Charset::kNumeric ? 'A' : ' ';
    EXPECT_FALSE(check_ai_value(*d, wrong).ok()) << d->ai << " " << wrong;
    if (d->min_length == d->max_length) {
      EXPECT_FALSE(check_ai_value(*d, longest.substr(1)).ok()) << d->ai;
    }
  }
}

TEST(Gs1AiTable, ComponentChecks) {
  const auto bad = [](const char* ai, const char* value) {
    return !check_ai_value(*find_ai(ai), value).ok();
  };
  EXPECT_TRUE(bad("16", "261301"));
  EXPECT_FALSE(bad("16", "261200")) << "yymmd0: day 00 is allowed";
  EXPECT_TRUE(bad("7006", "261200")) << "yymmdd: day 00 is not";
  EXPECT_TRUE(bad("4321", "2"));
  EXPECT_TRUE(bad("4330", "001234+"));
  EXPECT_FALSE(bad("4330", "001234-"));
  EXPECT_TRUE(bad("8003",
                  "1"
                  "9506000134352"));
  EXPECT_FALSE(bad("8003",
                   "0"
                   "9506000134352"
                   "SER"));
  EXPECT_TRUE(bad("8003",
                  "0"
                  "9506000134353"));
  EXPECT_TRUE(bad("8006",
                  "09506000134352"
                  "0302"));
  EXPECT_FALSE(bad("8006",
                   "09506000134352"
                   "0202"));
  EXPECT_TRUE(bad("423", "2502"));
  EXPECT_FALSE(bad("423", "250276"));
  EXPECT_TRUE(bad("7003", "2601152460"));
  EXPECT_TRUE(bad("8008", "26011525"));
  EXPECT_FALSE(bad("8008", "260115233059"));
  EXPECT_TRUE(bad("8011", "0123"));
  EXPECT_TRUE(bad("8001",
                  "0000"
                  "12345"
                  "123"
                  "1"
                  "1"));
  EXPECT_TRUE(bad("8001",
                  "1234"
                  "12345"
                  "123"
                  "2"
                  "1"));
  EXPECT_TRUE(bad("8010", "abc"));
  EXPECT_FALSE(bad("8010", "AB#-/9"));
  EXPECT_TRUE(bad("8030", "ab+c"));
  EXPECT_TRUE(bad("7011", "26011512")) << "an optional HHMM is all or nothing";
}

// Labels a shop meets every day, which shelfnode refused before it read the whole table.
TEST(Gs1AiTable, CommonRetailLabelsAreRead) {
  for (const char* code :
       {"(01)99506000134355(3103)000195(3922)299", "(01)09506000134352(8200)https://x.example/p",
        "(01)09506000134352(91)ANY*THING(99)X", "(01)09506000134352(240)ADD-1",
        "(01)09506000134352(400)PO-77", "(01)09506000134352(22)CPV1",
        "(414)9506000134352"
        "(254)EXT1"}) {
    Result<ScanCode> r = interpret(code);
    EXPECT_TRUE(r.ok()) << code << ": " << r.status().message();
  }
  Result<ScanCode> scale = interpret("(01)99506000134355(3103)000195(3922)299");
  ASSERT_TRUE(scale.ok());
  EXPECT_EQ(scale->quantity, 1) << "a variable-measure item counts one unit";
  EXPECT_EQ(scale->gtin14_candidates.front(), "99506000134355");
  Result<ScanCode> raw = interpret(join({"]C1", "0199506000134355", "3103000195", "3922299"}));
  ASSERT_TRUE(raw.ok()) << raw.status().message();
  EXPECT_EQ(raw->quantity, 1);
  Result<ScanCode> link = interpret("https://id.gs1.org/01/09506000134352/22/CPV1/10/L1");
  ASSERT_TRUE(link.ok()) << link.status().message();
  EXPECT_EQ(link->elements.size(), 3u);
  EXPECT_FALSE(interpret("(01)99506000134355(3103)00019").ok());
  EXPECT_FALSE(interpret("(01)99506000134355(3922)2A9").ok());
  EXPECT_FALSE(interpret("(414)9506000134353").ok()) << "GLN check digit";
  EXPECT_FALSE(interpret("(01)09506000134352(3103)000195(3102)001950").ok()) << "same measure";
}

}  // namespace
}  // namespace shelfnode::scan
