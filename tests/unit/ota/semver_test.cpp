#include "shelfnode/ota/semver.h"

#include <gtest/gtest.h>

#include <vector>

namespace shelfnode::ota {
namespace {

Semver v(const char* text) {
  Result<Semver> r = parse_semver(text);
  EXPECT_TRUE(r.ok()) << text << ": " << r.status().message();
  return r.ok() ? r.value() : Semver{};
}

TEST(SemverTest, ParsesEveryPart) {
  const Semver s = v("1.22.333-alpha.7.x-y+build.01.sha-5");
  EXPECT_EQ(s.major, 1u);
  EXPECT_EQ(s.minor, 22u);
  EXPECT_EQ(s.patch, 333u);
  EXPECT_EQ(s.pre_release, (std::vector<std::string>{"alpha", "7", "x-y"}));
  EXPECT_EQ(s.build, "build.01.sha-5");
  EXPECT_EQ(s.to_string(), "1.22.333-alpha.7.x-y+build.01.sha-5");
  EXPECT_EQ(v("0.0.0").to_string(), "0.0.0");
  EXPECT_EQ(v("18446744073709551615.0.0").major, 18446744073709551615u);
}

TEST(SemverTest, RefusesWhatSemverOrgForbids) {
  for (const char* bad : {"",           "1",         "1.2",
                          "1.2.3.4",    "v1.2.3",    " 1.2.3",
                          "1.2.3 ",     "01.2.3",    "1.02.3",
                          "1.2.03",     "1.2.3-",    "1.2.3-01",
                          "1.2.3-a..b", "1.2.3-a_b", "1.2.3+",
                          "1.2.3+a..b", "1.2.3-+b",  "-1.2.3",
                          "1.2.-3",     "1.2.x",     "18446744073709551616.0.0",
                          "1.2.3-é"}) {
    Result<Semver> r = parse_semver(bad);
    EXPECT_FALSE(r.ok()) << "'" << bad << "' was accepted";
    EXPECT_EQ(r.status().code(), Code::kBadData) << bad;
  }
  EXPECT_NE(parse_semver("1.02.0").status().message().find("'02' has a leading zero"),
            std::string::npos);
}

TEST(SemverTest, AcceptsLeadingZerosInBuildAndAlphanumericPreRelease) {
  EXPECT_TRUE(parse_semver("1.0.0+001").ok());
  EXPECT_TRUE(parse_semver("1.0.0-0a").ok());
  EXPECT_TRUE(parse_semver("1.0.0-0").ok());
  EXPECT_TRUE(parse_semver("1.0.0--").ok());
}

// The chain from semver.org §11, each strictly below the next.
TEST(SemverTest, PrecedenceFollowsSemverOrg) {
  const std::vector<const char*> chain = {"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta",
                                          "1.0.0-beta",  "1.0.0-beta.2",  "1.0.0-beta.11",
                                          "1.0.0-rc.1",  "1.0.0",         "1.9.0",
                                          "1.10.0",      "1.11.0",        "2.0.0",
                                          "2.1.0",       "2.1.1"};
  for (std::size_t i = 0; i < chain.size(); ++i) {
    for (std::size_t j = 0; j < chain.size(); ++j) {
      const int c = compare_precedence(v(chain[i]), v(chain[j]));
      const int want = i < j ? -1 : (i == j ? 0 : 1);
      EXPECT_EQ(c, want) << chain[i] << " vs " << chain[j];
    }
  }
}

TEST(SemverTest, BuildMetadataDoesNotCount) {
  EXPECT_EQ(compare_precedence(v("1.0.0+a"), v("1.0.0+b")), 0);
  EXPECT_EQ(compare_precedence(v("1.0.0-rc.1+x"), v("1.0.0-rc.1")), 0);
}

TEST(SemverTest, NumericIdentifiersCompareAsNumbersOfAnyLength) {
  EXPECT_LT(compare_precedence(v("1.0.0-9"), v("1.0.0-10")), 0);
  EXPECT_LT(
      compare_precedence(v("1.0.0-99999999999999999999998"), v("1.0.0-99999999999999999999999")),
      0);
  EXPECT_LT(compare_precedence(v("1.0.0-999"), v("1.0.0-a")), 0);  // numeric below alphanumeric
  EXPECT_LT(compare_precedence(v("1.0.0-Z"), v("1.0.0-a")), 0);    // ASCII order
  EXPECT_LT(compare_precedence(v("1.0.0-a"), v("1.0.0-a.0")), 0);  // more fields, higher
}

}  // namespace
}  // namespace shelfnode::ota
