#include "shelfnode/core/plural.h"

#include <gtest/gtest.h>

namespace shelfnode {
namespace {

TEST(Plural, OneIsSingularEveryOtherCountIsNot) {
  EXPECT_EQ(plural(1, "SKU"), "1 SKU");
  EXPECT_EQ(plural(0, "SKU"), "0 SKUs");
  EXPECT_EQ(plural(2, "change"), "2 changes");
  EXPECT_EQ(plural(-1, "line"), "-1 lines");
}

TEST(Plural, AnIrregularNounGivesItsOwnPlural) {
  EXPECT_EQ(plural(1, "entry", "entries"), "1 entry");
  EXPECT_EQ(plural(3, "entry", "entries"), "3 entries");
}

}  // namespace
}  // namespace shelfnode
