#include "scan/aim_identifier.h"

#include <gtest/gtest.h>

namespace shelfnode::scan {
namespace {

TEST(AimIdentifier, ReadsBracketLetterDigit) {
  const auto id = read_aim_identifier("]C1010950");
  ASSERT_TRUE(id.has_value());
  EXPECT_EQ(id->code, 'C');
  EXPECT_EQ(id->modifier, '1');
  EXPECT_EQ(id->text(), "]C1");
  EXPECT_TRUE(read_aim_identifier("]d2").has_value());
}

TEST(AimIdentifier, IgnoresOtherShapes) {
  for (const char* text : {"", "]", "]C", "C10", "]1C", "]CC1", "]zA123", "[C1", "]]1"}) {
    EXPECT_FALSE(read_aim_identifier(text).has_value()) << text;
  }
}

TEST(AimIdentifier, ClassifiesByCodeAndModifier) {
  struct Case {
    const char* id;
    AimContent content;
  };
  for (const Case& c :
       {Case{"]C1", AimContent::kGs1ElementString}, Case{"]d2", AimContent::kGs1ElementString},
        Case{"]Q3", AimContent::kGs1ElementString}, Case{"]e0", AimContent::kGs1ElementString},
        Case{"]E0", AimContent::kEanUpc}, Case{"]E3", AimContent::kEanUpcWithAddOn},
        Case{"]E4", AimContent::kEan8}, Case{"]C0", AimContent::kOther},
        Case{"]C2", AimContent::kOther}, Case{"]d1", AimContent::kOther},
        Case{"]Q1", AimContent::kOther}, Case{"]A0", AimContent::kOther},
        Case{"]I0", AimContent::kOther}, Case{"]E1", AimContent::kOther},
        Case{"]D2", AimContent::kOther}, Case{"]c1", AimContent::kOther},
        // GS1 DotCode: its element string was read as text before.
        Case{"]J1", AimContent::kGs1ElementString}, Case{"]J0", AimContent::kOther}}) {
    const auto id = read_aim_identifier(c.id);
    ASSERT_TRUE(id.has_value()) << c.id;
    EXPECT_EQ(aim_content(*id), c.content) << c.id;
  }
}

}  // namespace
}  // namespace shelfnode::scan
