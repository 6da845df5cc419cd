#include "scan/digital_link.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace shelfnode::scan {
namespace {

using Elements = std::vector<Gs1Element>;

Elements parse_ok(const std::string& uri) {
  Result<Elements> r = parse_digital_link(uri);
  EXPECT_TRUE(r.ok()) << uri << ": " << r.status().message();
  return r.ok() ? *r : Elements{};
}

void expect_bad(const std::string& uri, const std::string& fragment) {
  Result<Elements> r = parse_digital_link(uri);
  ASSERT_FALSE(r.ok()) << uri;
  EXPECT_EQ(r.status().code(), Code::kBadData);
  EXPECT_NE(r.status().message().find(fragment), std::string::npos) << r.status().message();
}

TEST(DigitalLink, PathAndQueryBecomeElements) {
  EXPECT_EQ(parse_ok("https://example.com/01/09506000134352/10/ABC?17=261231"),
            (Elements{{"01", "09506000134352"}, {"10", "ABC"}, {"17", "261231"}}));
}

TEST(DigitalLink, PercentEncodedLotAndQueryValues) {
  EXPECT_EQ(parse_ok("http://id.example.org/01/09506000134352/10/AB%2F12%25x/21/S%2d1"
                     "?3103=001250&linkType=all&17=26%31231#frag"),
            (Elements{{"01", "09506000134352"},
                      {"10", "AB/12%x"},
                      {"21", "S-1"},
                      {"3103", "001250"},
                      {"17", "261231"}}));
}

TEST(DigitalLink, PrefixShortNamesAndShortGtins) {
  EXPECT_EQ(parse_ok("HTTPS://shop.example/a/b/gtin/4006381333931/lot/L1/ser/9"),
            (Elements{{"01", "04006381333931"}, {"10", "L1"}, {"21", "9"}}));
  EXPECT_EQ(parse_ok("https://x.example/01/96385074"), (Elements{{"01", "00000096385074"}}));
  EXPECT_EQ(parse_ok("https://x.example/01/036000291452/"), (Elements{{"01", "00036000291452"}}));
  // The resolver prefix may itself look like an AI pair; reading from the right stops at the
  // GTIN.
  EXPECT_EQ(parse_ok("https://x.example/10/x/01/09506000134352"),
            (Elements{{"01", "09506000134352"}}));
}

TEST(DigitalLink, NonAiQueryParametersAreIgnored) {
  EXPECT_EQ(parse_ok("https://x.example/01/09506000134352?utm_source=qr&linkType=pip&&x"),
            (Elements{{"01", "09506000134352"}}));
}

TEST(DigitalLink, RejectsMalformedLinks) {
  expect_bad("https://x.example/01/4006381333932", "should be 1, not 2");
  expect_bad("https://x.example/01/12345", "has 5 digits");
  expect_bad("https://x.example/01/09506000134352/17/261231", "goes in the query, e.g. ?17=");
  expect_bad("https://x.example/01/09506000134352/21/S/10/L",
             "/01/<GTIN>/22/<variant>/10/<lot>/21/<serial>");
  expect_bad("https://x.example/01/09506000134352?14=1", "(14)");
  expect_bad("https://x.example/01/09506000134352?17=261331", "month 13");
  expect_bad("https://x.example/01/09506000134352/10/A%2", "two hex digits");
  expect_bad("https://x.example/01/09506000134352/10/A%20B", "0x20");
  expect_bad("https://x.example/01/09506000134352/extra", "where an AI is expected");
  expect_bad("https:///01/09506000134352", "no host");
  expect_bad("https://x.example/", "no GTIN");
}

TEST(DigitalLink, Detection) {
  EXPECT_TRUE(looks_like_digital_link("https://x.example/01/09506000134352"));
  EXPECT_TRUE(looks_like_digital_link("http://x.example/p/gtin/96385074?17=261231"));
  EXPECT_FALSE(looks_like_digital_link("https://news.example/2024/01/15/story"));
  EXPECT_FALSE(looks_like_digital_link("https://x.example/?01=09506000134352"));
  EXPECT_FALSE(looks_like_digital_link("ftp://x.example/01/09506000134352"));
  EXPECT_FALSE(looks_like_digital_link("https://x.example/catalogue"));
}

TEST(PercentDecode, DecodesAndRejects) {
  Result<std::string> ok = percent_decode("a%41%2fb");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, "aA/b");
  EXPECT_FALSE(percent_decode("%").ok());
  EXPECT_FALSE(percent_decode("%4").ok());
  EXPECT_FALSE(percent_decode("%G1").ok());
}

}  // namespace
}  // namespace shelfnode::scan

namespace shelfnode::scan {
namespace {

// The Digital Link standard forbids key qualifiers in the query string, so the advice for a
// path in the wrong order must be to reorder the path, never to move (10) or (21) to the query.
TEST(DigitalLink, WrongOrderAdviceNeverPointsQualifiersToTheQuery) {
  for (const char* uri : {"https://x.example/01/09506000134352/21/S/10/L",
                          "https://x.example/01/09506000134352/10/L/22/V",
                          "https://x.example/01/09506000134352/21/S/235/T"}) {
    Result<std::vector<Gs1Element>> r = parse_digital_link(uri);
    ASSERT_FALSE(r.ok()) << uri;
    const std::string& m = r.status().message();
    EXPECT_EQ(m.find("query"), std::string::npos) << m;
    EXPECT_EQ(m.find("?1"), std::string::npos) << m;
    EXPECT_EQ(m.find("?2"), std::string::npos) << m;
  }
  Result<std::vector<Gs1Element>> all =
      parse_digital_link("https://x.example/01/09506000134352/cpv/V1/10/L/21/S");
  ASSERT_TRUE(all.ok()) << all.status().message();
  EXPECT_EQ(all->size(), 4u);
  EXPECT_TRUE(parse_digital_link("https://x.example/01/09506000134352/235/T1").ok());
}

}  // namespace
}  // namespace shelfnode::scan
