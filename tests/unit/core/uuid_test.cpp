#include "shelfnode/core/uuid.h"

#include <gtest/gtest.h>

#include <set>

#include "shelfnode/core/clock.h"

namespace shelfnode {
namespace {

TEST(Uuid, Version7FormatAndUnique) {
  auto gen = UuidGenerator::create();
  ASSERT_TRUE(gen.ok());
  std::set<std::string> seen;
  for (int i = 0; i < 20000; ++i) {
    Result<std::string> u = (*gen)->next();
    ASSERT_TRUE(u.ok());
    ASSERT_TRUE(is_uuid(*u)) << *u;
    ASSERT_EQ((*u)[14], '7') << *u;                                          // version nibble
    ASSERT_NE(std::string("89ab").find((*u)[19]), std::string::npos) << *u;  // RFC 4122 variant
    ASSERT_TRUE(seen.insert(*u).second) << "duplicate " << *u;
  }
}

TEST(Uuid, TimeOrderedByTheClock) {
  FakeClock clock(0x0123456789ab);
  auto gen = UuidGenerator::create(clock);
  ASSERT_TRUE(gen.ok());
  std::string a = *(*gen)->next();
  EXPECT_EQ(a.substr(0, 13), "01234567-89ab");
  clock.advance_ms(1);
  std::string b = *(*gen)->next();
  EXPECT_EQ(b.substr(0, 13), "01234567-89ac");
  EXPECT_LT(a, b);
}

TEST(Uuid, TwoGeneratorsDoNotRepeatEachOther) {
  auto a = UuidGenerator::create();
  auto b = UuidGenerator::create();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*(*a)->next(), *(*b)->next());
}

TEST(Uuid, Validation) {
  EXPECT_TRUE(is_uuid("3f2b8c1e-9a4d-4e6f-8b21-0c5d7e9fa123"));
  EXPECT_FALSE(is_uuid("3f2b8c1e-9a4d-4e6f-8b21-0c5d7e9fa12"));
  EXPECT_FALSE(is_uuid("3f2b8c1e+9a4d-4e6f-8b21-0c5d7e9fa123"));
  EXPECT_FALSE(is_uuid("3f2b8c1e-9a4d-4e6f-8b21-0c5d7e9fa12g"));
}

TEST(Clock, FormatsUtcMilliseconds) {
  EXPECT_EQ(format_utc_ms(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(format_utc_ms(1598904314932), "2020-08-31T20:05:14.932Z");
  FakeClock c(1000);
  c.advance_ms(500);
  EXPECT_EQ(c.now_ms(), 1500);
}

}  // namespace
}  // namespace shelfnode
