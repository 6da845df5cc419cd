#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <ctime>

#include "shelfnode/core/clock.h"

namespace shelfnode {
namespace {

TEST(ParseUtcMs, ReadsWhatWixWrites) {
  EXPECT_EQ(parse_utc_ms("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_utc_ms("2020-08-31T20:05:40.348Z"), 1598904340348);
  EXPECT_EQ(parse_utc_ms("2025-11-24T16:00:00.000Z"), 1764000000000);
  EXPECT_EQ(parse_utc_ms("2025-11-24T16:00:00.1Z"), 1764000000100);
  EXPECT_EQ(parse_utc_ms("2025-11-24T16:00:00.123456789Z"), 1764000000123);
  EXPECT_EQ(parse_utc_ms("2025-11-24T18:00:00.000+02:00"), 1764000000000);
  EXPECT_EQ(parse_utc_ms("2025-11-24T11:30:00-04:30"), 1764000000000);
  EXPECT_EQ(parse_utc_ms("2024-02-29T00:00:00Z"), 1709164800000);
  EXPECT_EQ(parse_utc_ms("1969-12-31T23:59:59.999Z"), -1);
}

TEST(ParseUtcMs, AgreesWithTheLedgersFormat) {
  for (std::int64_t ms : {0LL, 1764000000000LL, 1764000000001LL, 4102444799999LL}) {
    EXPECT_EQ(parse_utc_ms(format_utc_ms(ms)), ms) << format_utc_ms(ms);
  }
}

// Written without time_t, so a 32-bit time_t (Debian armhf) cannot wrap a date past 2038.
TEST(FormatUtcMs, WritesDatesPast2038AndBefore1970) {
  EXPECT_EQ(format_utc_ms(2147483648000LL), "2038-01-19T03:14:08.000Z");
  EXPECT_EQ(format_utc_ms(4102444799999LL), "2099-12-31T23:59:59.999Z");
  EXPECT_EQ(format_utc_ms(4107542400000LL), "2100-03-01T00:00:00.000Z");  // 2100 is no leap year
  EXPECT_EQ(format_utc_ms(-1), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(format_utc_ms(-86400001LL), "1969-12-30T23:59:59.999Z");
}

TEST(FormatUtcMs, AgreesWithGmtimeWhereTimeTHoldsTheDate) {
  // 1900..2200 where time_t is 64-bit; 1901-12-14..2038-01-19 where it is 32-bit (armhf).
  const bool wide = sizeof(std::time_t) >= 8;
  const std::int64_t from = wide ? -2208988800LL : INT32_MIN;
  const std::int64_t to = wide ? 7258118400LL : INT32_MAX;
  for (std::int64_t secs = from; secs < to; secs += 86400LL * 37 + 3601) {
    const std::time_t t = static_cast<std::time_t>(secs);
    std::tm tm{};
    ASSERT_NE(gmtime_r(&t, &tm), nullptr);
    char want[64];
    std::snprintf(want, sizeof want, "%04d-%02d-%02dT%02d:%02d:%02d.250Z", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    ASSERT_EQ(format_utc_ms(secs * 1000 + 250), want);
  }
}

TEST(ParseUtcMs, RefusesWhatIsNotATimestamp) {
  for (const char* bad :
       {"", "now", "2025-11-24", "2025-11-24T16:00:00", "2025-11-24 16:00:00Z",
        "2025-13-01T00:00:00Z", "2025-02-29T00:00:00Z", "2025-11-31T00:00:00Z",
        "2025-11-24T24:00:00Z", "2025-11-24T16:00:00.Z", "2025-11-24T16:00:00.1234567890Z",
        "2025-11-24T16:00:00ZZ", "2025-11-24T16:00:00+0200", "2025-11-24T16:00:00+02:00x",
        "2025-1x-24T16:00:00Z"}) {
    EXPECT_FALSE(parse_utc_ms(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace shelfnode
