#include <gtest/gtest.h>

#include "pull/pull_state.h"
#include "shelfnode/pull/catalog_page.h"

namespace shelfnode::pull {
namespace {

TEST(WixTime, NormalisesEveryFormWixUses) {
  EXPECT_EQ(normalise_wix_time("2026-01-05T09:00:00.348Z"), "2026-01-05T09:00:00.348Z");
  EXPECT_EQ(normalise_wix_time("2026-01-05T09:00:00Z"), "2026-01-05T09:00:00.000Z");
  EXPECT_EQ(normalise_wix_time("2026-01-05T09:00:00.3Z"), "2026-01-05T09:00:00.300Z");
  // Longer fractions are cut, never rounded up: a $gte mark may only move earlier.
  EXPECT_EQ(normalise_wix_time("2026-01-05T09:00:00.123999Z"), "2026-01-05T09:00:00.123Z");
  EXPECT_EQ(normalise_wix_time("2026-01-05T09:00:00.000+01:30"), "2026-01-05T07:30:00.000Z");
  EXPECT_EQ(normalise_wix_time("2026-01-01T00:30:00-01:00"), "2026-01-01T01:30:00.000Z");
  EXPECT_EQ(normalise_wix_time("2024-02-29T23:59:59.999Z"), "2024-02-29T23:59:59.999Z");
}

TEST(WixTime, UnreadableIsEmpty) {
  for (const char* bad :
       {"", "2026-01-05", "2026-01-05 09:00:00Z", "2026-13-05T09:00:00Z", "2026-01-05T09:00:00",
        "2026-01-05T09:00:00.Z", "2026-01-05T09:00:00Zx", "yesterday"}) {
    EXPECT_EQ(normalise_wix_time(bad), "") << bad;
  }
  EXPECT_EQ(normalise_wix_time(nullptr), "");
}

// 2026-01-10T12:00:00.000Z
constexpr std::int64_t kStart = 1768046400000;
constexpr std::int64_t kMargin = 10 * 60 * 1000;

TEST(NextSince, NeverLaterThanThePullsStartLessTheMargin) {
  // A product edited during the crawl, behind its position, has a timestamp after the
  // pull's start: the mark must not pass it even though a later edit was seen.
  EXPECT_EQ(next_since("", "2026-01-10T12:05:00.000Z", kStart, kMargin),
            "2026-01-10T11:50:00.000Z");
}

TEST(NextSince, NeverLaterThanTheLatestUpdateSeen) {
  EXPECT_EQ(next_since("", "2026-01-09T08:00:00.000Z", kStart, kMargin),
            "2026-01-09T08:00:00.000Z");
}

TEST(NextSince, NothingSeenMovesToTheStartLessTheMargin) {
  EXPECT_EQ(next_since("2026-01-09T08:00:00.000Z", "", kStart, kMargin),
            "2026-01-10T11:50:00.000Z");
}

TEST(NextSince, NeverMovesBack) {
  EXPECT_EQ(next_since("2026-01-10T11:55:00.000Z", "2026-01-09T08:00:00.000Z", kStart, kMargin),
            "2026-01-10T11:55:00.000Z");
}

}  // namespace
}  // namespace shelfnode::pull
