// The Content-Range forms a resumed download accepts, and everything near them it refuses.
#include "ota/content_range.h"

#include <gtest/gtest.h>

namespace shelfnode::ota {
namespace {

TEST(ContentRange, ReadsTheSingleRangeForm) {
  const auto r = parse_content_range("bytes 100-199/1000");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->first, 100u);
  EXPECT_EQ(r->last, 199u);
  EXPECT_EQ(r->total, 1000u);
  EXPECT_TRUE(parse_content_range("bytes 0-0/1").has_value());
  EXPECT_TRUE(parse_content_range(" bytes 5-9/10 ").has_value());  // header white space
  const auto big = parse_content_range("bytes 0-9223372036854775806/9223372036854775807");
  ASSERT_TRUE(big.has_value());
  EXPECT_EQ(big->total, 9223372036854775807u);
}

TEST(ContentRange, RefusesEverythingElse) {
  for (const char* bad :
       {"", "bytes", "bytes 1-2", "bytes 1-2/*", "bytes */100", "bytes 2-1/10", "bytes 0-10/10",
        "bytes -1-5/10", "bytes +1-5/10", "bytes 1 -5/10", "bytes 1-5/10x", "bytes 1-5/1 0",
        "items 1-5/10", "Bytes 1-5/10", "bytes=1-5/10", "bytes 1-5,7-9/10",
        "bytes 0-1/99999999999999999999", "bytes 0x1-5/10"}) {
    EXPECT_FALSE(parse_content_range(bad).has_value()) << bad;
  }
}

TEST(ContentRange, ReadsTheUnsatisfiedForm) {
  EXPECT_EQ(parse_unsatisfied_range("bytes */4096"), std::optional<std::uint64_t>(4096));
  EXPECT_FALSE(parse_unsatisfied_range("bytes */").has_value());
  EXPECT_FALSE(parse_unsatisfied_range("bytes 0-1/2").has_value());
  EXPECT_FALSE(parse_unsatisfied_range("bytes */12a").has_value());
}

}  // namespace
}  // namespace shelfnode::ota
