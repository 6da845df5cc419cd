#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "scan_test_parts.h"
#include "shelfnode/scan/scan_code.h"

namespace shelfnode::scan {
namespace {

using Kind = ScanCode::Kind;
using Strings = std::vector<std::string>;

ScanCode ok(const std::string& raw) {
  Result<ScanCode> r = interpret(raw);
  EXPECT_TRUE(r.ok()) << raw << ": " << r.status().message();
  return r.ok() ? *r : ScanCode{};
}

void expect_bad(const std::string& raw, const std::string& fragment) {
  Result<ScanCode> r = interpret(raw);
  ASSERT_FALSE(r.ok()) << raw;
  EXPECT_EQ(r.status().code(), Code::kBadData);
  EXPECT_NE(r.status().message().find(fragment), std::string::npos) << r.status().message();
}

TEST(Interpret, BareGtins) {
  ScanCode c = ok("4006381333931");
  EXPECT_EQ(c.kind, Kind::kGtin);
  EXPECT_EQ(c.text, "4006381333931");
  EXPECT_EQ(c.gtin14_candidates, Strings{"04006381333931"});
  EXPECT_EQ(c.quantity, 1);
  EXPECT_EQ(c.gtin_problem, "");
  EXPECT_EQ(ok("036000291452").gtin14_candidates, Strings{"00036000291452"});
  EXPECT_EQ(ok("10614141000415").gtin14_candidates, Strings{"10614141000415"});
}

TEST(Interpret, EightDigitsTryEan8ThenUpcE) {
  // EAN-8 only: 96385074 starts with 9, so it cannot be a UPC-E.
  EXPECT_EQ(ok("96385074").gtin14_candidates, Strings{"00000096385074"});
  // UPC-E only: as an EAN-8 its check digit would be 0.
  EXPECT_EQ(ok("04252614").gtin14_candidates, Strings{"00042100005264"});
  // Both readings hold: 12345670 is a valid EAN-8 and a valid UPC-E (1 234567 0 expands to
  // 12345600007 + 0). Both are candidates, EAN-8 first; the lookup refuses to pick if they
  // name different products.
  const ScanCode both = ok("12345670");
  EXPECT_EQ(both.kind, Kind::kGtin);
  EXPECT_EQ(both.gtin14_candidates, (Strings{"00000012345670", "00123456000070"}));
  // A degenerate number whose two readings are the same GTIN is listed once.
  EXPECT_EQ(ok("00000055").gtin14_candidates, Strings{"00000000000055"});
}

TEST(Interpret, BareNumberWithBadCheckDigitStaysPlain) {
  const ScanCode c = ok("4006381333932");
  EXPECT_EQ(c.kind, Kind::kPlain);
  EXPECT_EQ(c.text, "4006381333932");
  EXPECT_TRUE(c.gtin14_candidates.empty());
  EXPECT_EQ(c.gtin_problem, "check digit of 4006381333932 should be 1, not 2");

  const ScanCode eight = ok("06543210");
  EXPECT_EQ(eight.kind, Kind::kPlain);
  EXPECT_EQ(eight.gtin_problem,
            "check digit of 06543210 should be 1 as EAN-8 or 7 as UPC-E, not 0");
  EXPECT_EQ(ok("96385075").gtin_problem, "check digit of 96385075 should be 4, not 5");
  EXPECT_EQ(ok("12345678").gtin_problem,
            "check digit of 12345678 should be 0 (as EAN-8 and as UPC-E), not 8");
}

TEST(Interpret, OtherNumbersArePlain) {
  for (const char* sku : {"7", "12345", "1234567", "123456789012345"}) {
    const ScanCode c = ok(sku);
    EXPECT_EQ(c.kind, Kind::kPlain) << sku;
    EXPECT_TRUE(c.gtin14_candidates.empty()) << sku;
  }
  EXPECT_NE(ok("123456").gtin_problem.find("UPC-E"), std::string::npos);
}

TEST(Interpret, PlainTextAndTrimming) {
  const ScanCode c = ok("  \tSKU-42 red\r\n");
  EXPECT_EQ(c.kind, Kind::kPlain);
  EXPECT_EQ(c.text, "SKU-42 red");
  EXPECT_TRUE(c.elements.empty());
  EXPECT_EQ(ok(" 4006381333931\n").gtin14_candidates, Strings{"04006381333931"});
  EXPECT_EQ(ok("(sale) shirt").kind, Kind::kPlain);
  EXPECT_EQ(ok("https://news.example/2024/01/15/story").kind, Kind::kPlain);
  EXPECT_EQ(ok("Größe-M").text, "Größe-M");
}

TEST(Interpret, EmptyAndControlCharacters) {
  expect_bad("", "empty scan");
  expect_bad(" \r\n\t", "empty scan");
  expect_bad(join({"AB\x07", "C"}), "control character 0x07 at position 3");
  expect_bad("AB\tC", "control character 0x09");
  expect_bad(std::string("AB\0C", 4), "control character 0x00");
  expect_bad("AB\x7F", "0x7F");
  expect_bad(join({"0109506000134352", "10AB", kGs, "17261231"}),
             "turn on AIM symbology identifiers");
}

TEST(Interpret, AimEanUpc) {
  const ScanCode c = ok("]E04006381333931");
  EXPECT_EQ(c.kind, Kind::kGtin);
  EXPECT_EQ(c.text, "4006381333931");
  EXPECT_EQ(c.gtin14_candidates, Strings{"04006381333931"});
  EXPECT_EQ(ok("]E0036000291452").gtin14_candidates, Strings{"00036000291452"});
  EXPECT_EQ(ok("]E001234565").gtin14_candidates, Strings{"00012345000065"});
  // ]E4 settles the EAN-8 / UPC-E question.
  EXPECT_EQ(ok("]E412345670").gtin14_candidates, Strings{"00000012345670"});
  const ScanCode addon = ok("]E3400638133393112");
  EXPECT_EQ(addon.text, "400638133393112");
  EXPECT_EQ(addon.gtin14_candidates, Strings{"04006381333931"});
  // With an EAN/UPC identifier a bad check digit is a misread, not a SKU.
  expect_bad("]E04006381333932", "should be 1, not 2");
  expect_bad("]E496385075", "should be 4, not 5");
  expect_bad("]E001234566", "should be 5, not 6");
  expect_bad("]E04006381333", "is not 13 digits");
  expect_bad("]E4400638133393", "is not 8 digits");
  expect_bad("]E34006381333931", "add-on");
  expect_bad("]E0", "only the symbology identifier");
  // Whatever arrived is shown, but escaped and cut short.
  expect_bad(join({"]E0\x01", "23"}), "data \"\\x0123\" is not 13 digits");
  expect_bad("]E0" + std::string(100, 'x'), std::string(64, 'x') + "...\" is not");
  // Escaped as everywhere else (core/printable.h): valid UTF-8 is shown as it is, C1 controls
  // and bytes that are not UTF-8 are not, and the cut never splits a character.
  expect_bad("]E040063813339\xC3\xA9", "data \"40063813339é\" is not 13 digits");
  expect_bad(
      "]E0400\xC2\x9B"
      "12",
      "data \"400\\xC2\\x9B12\" is not");
  expect_bad("]E0400\xFF", "data \"400\\xFF\" is not");
  expect_bad("]E0" + std::string(63, 'x') + "é", std::string(63, 'x') + "...\" is not");
}

TEST(Interpret, AimGs1) {
  const ScanCode c = ok(join({"]C1", "0109506000134352", "10ABC123", kGs, "17261231\r\n"}));
  EXPECT_EQ(c.kind, Kind::kGs1);
  EXPECT_EQ(c.text, join({"0109506000134352", "10ABC123", kGs, "17261231"}));
  EXPECT_EQ(c.gtin14_candidates, Strings{"09506000134352"});
  ASSERT_EQ(c.elements.size(), 3u);
  EXPECT_EQ(c.elements[1].ai, "10");
  EXPECT_EQ(c.elements[1].value, "ABC123");
  EXPECT_EQ(c.quantity, 1);
  for (const char* id : {"]d2", "]Q3", "]e0"}) {
    EXPECT_EQ(ok(std::string(id) + "0109506000134352").gtin14_candidates, Strings{"09506000134352"})
        << id;
  }
  expect_bad(join({"]C1", "0109506000134353"}), "should be 2, not 3");
  expect_bad(join({"]d2", "0109506000134352", "14X"}), "unknown or unsupported");
  expect_bad(join({"]Q3", "0109506000134352", "10ABCDEFGHIJKLMNOPQRSTU"}), "at most 20");
  expect_bad(join({"]C1", "0109506000134352", "17261331"}), "month 13");
}

TEST(Interpret, LeadingGroupSeparatorMeansGs1) {
  const ScanCode c = ok(join({kGs, "0109506000134352", "10L1"}));
  EXPECT_EQ(c.kind, Kind::kGs1);
  EXPECT_EQ(c.gtin14_candidates, Strings{"09506000134352"});
  expect_bad(join({kGs, "SKU-42"}), "unknown or unsupported");
}

TEST(Interpret, CountsBecomeQuantity) {
  const ScanCode variable = ok("(01)09506000134352(30)12");
  EXPECT_EQ(variable.quantity, 12);
  EXPECT_EQ(variable.gtin14_candidates, Strings{"09506000134352"});

  const ScanCode carton = ok(join({"]C1", "0210614141000415", "3700000024"}));
  EXPECT_EQ(carton.quantity, 24);
  EXPECT_EQ(carton.gtin14_candidates, Strings{"10614141000415"});

  const ScanCode pallet = ok(join({"]C1", "00106141411234567897", "0210614141000415", "3748"}));
  EXPECT_EQ(pallet.quantity, 48);
  EXPECT_EQ(pallet.gtin14_candidates, Strings{"10614141000415"});

  expect_bad("(01)09506000134352(30)0", "is 0");
  expect_bad("(02)10614141000415(37)00", "is 0");
  expect_bad("(02)10614141000415(30)5(37)5", "two counts");
  expect_bad("(02)10614141000415", "no count (37)");
  expect_bad("(01)09506000134352(37)5", "belong in (02)");
  expect_bad("(01)09506000134352(02)10614141000415(37)5", "(01) and contained items in (02)");
}

TEST(Interpret, RepeatedOrConflictingElements) {
  expect_bad("(01)09506000134352(10)A(10)B", "(10) appears twice");
  expect_bad("(01)09506000134352(3102)001250(3103)012500", "same measure twice");
  EXPECT_EQ(ok("(01)09506000134352(3102)001250(3202)002756").elements.size(), 3u);
  EXPECT_EQ(ok("(01)09506000134352(10)A(10)A").kind, Kind::kGs1);
}

TEST(Interpret, Gs1WithoutProductNumberExplainsWhy) {
  const ScanCode sscc = ok("(00)106141411234567897");
  EXPECT_EQ(sscc.kind, Kind::kGs1);
  EXPECT_TRUE(sscc.gtin14_candidates.empty());
  EXPECT_NE(sscc.gtin_problem.find("SSCC"), std::string::npos);
}

TEST(Interpret, BracketedAndDigitalLink) {
  const ScanCode b = ok("(01)09506000134352(10)ABC123(17)261231");
  EXPECT_EQ(b.kind, Kind::kGs1);
  EXPECT_EQ(b.gtin14_candidates, Strings{"09506000134352"});
  expect_bad("(01)09506000134353", "should be 2, not 3");

  const ScanCode dl = ok("https://example.com/01/09506000134352/10/AB%2FC?17=261231&30=3");
  EXPECT_EQ(dl.kind, Kind::kGs1);
  EXPECT_EQ(dl.text, "https://example.com/01/09506000134352/10/AB%2FC?17=261231&30=3");
  EXPECT_EQ(dl.gtin14_candidates, Strings{"09506000134352"});
  EXPECT_EQ(dl.quantity, 3);
  ASSERT_EQ(dl.elements.size(), 4u);
  EXPECT_EQ(dl.elements[1].value, "AB/C");
  // A Digital Link usually arrives in a plain QR code (]Q1).
  EXPECT_EQ(ok("]Q1https://example.com/gtin/96385074").gtin14_candidates,
            Strings{"00000096385074"});
  expect_bad("https://example.com/01/4006381333932", "should be 1, not 2");
}

TEST(Interpret, OtherAimIdentifiersAreStripped) {
  const ScanCode c = ok("]C0SKU-42");
  EXPECT_EQ(c.kind, Kind::kPlain);
  EXPECT_EQ(c.text, "SKU-42");
  EXPECT_EQ(ok("]I010614141000415").gtin14_candidates, Strings{"10614141000415"});
  EXPECT_EQ(ok("]d1(01)09506000134352").kind, Kind::kGs1);
  EXPECT_EQ(ok("]zA1x").text, "]zA1x");  // letter modifier: not an identifier we strip
  expect_bad("]Q1AB\x01", "control character 0x01");
}

TEST(Interpret, DotCodeCarriesGs1Data) {
  const ScanCode c = ok(join({"]J1", "0109506000134352", "10AB", kGs, "3012"}));
  EXPECT_EQ(c.kind, Kind::kGs1);
  EXPECT_EQ(c.gtin14_candidates, Strings{"09506000134352"});
  EXPECT_EQ(c.quantity, 12);
}

TEST(Interpret, CarriesGs1DataDecidesWhereAStarBelongs) {
  for (const char* gs1 :
       {"(01)09506000134352(10)AB*5", "]C1010950600013435221SN*12", "]J10109506000134352",
        "https://id.gs1.org/01/09506000134352/10/AB*15", "https://id.gs1.org/01/09506000134352*5",
        "]Q1https://id.gs1.org/01/09506000134352?utm_content=x*6"}) {
    EXPECT_TRUE(carries_gs1_data(gs1)) << gs1;
  }
  EXPECT_TRUE(carries_gs1_data(join({kGs, "0109506000134352"})));
  for (const char* plain : {"MUG*3", "4006381333931*2", "]E04006381333931*2",
                            "https://shop.example/p/mug*2", "]C0ABC*2", ""}) {
    EXPECT_FALSE(carries_gs1_data(plain)) << plain;
  }
}

}  // namespace
}  // namespace shelfnode::scan
