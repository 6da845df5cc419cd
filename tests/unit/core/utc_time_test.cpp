#include <gtest/gtest.h>

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
