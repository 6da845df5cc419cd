#include "shelfnode/ledger/warehouses.h"

#include "support/ledger_fixture.h"

namespace shelfnode::ledger {
namespace {

using WarehousesTest = shelfnode::testing::LedgerFixture;

TEST(WarehouseName, Validation) {
  EXPECT_TRUE(validate_warehouse_name("shop").ok());
  EXPECT_TRUE(validate_warehouse_name("back-room_2").ok());
  EXPECT_TRUE(validate_warehouse_name(std::string(32, 'a')).ok());
  EXPECT_FALSE(validate_warehouse_name("").ok());
  EXPECT_FALSE(validate_warehouse_name(std::string(33, 'a')).ok());
  EXPECT_FALSE(validate_warehouse_name("back room").ok());
  EXPECT_FALSE(validate_warehouse_name("-shop").ok());
  EXPECT_FALSE(validate_warehouse_name("shop/1").ok());
  EXPECT_FALSE(validate_warehouse_name("caf\xc3\xa9").ok());
  EXPECT_EQ(validate_warehouse_name("a b").code(), Code::kUsage);
}

TEST_F(WarehousesTest, AddMapUnmapList) {
  ASSERT_TRUE(add_warehouse(*db_, "shop", true, clock_).ok());
  ASSERT_TRUE(add_warehouse(*db_, "depot", false, clock_).ok());
  auto dup = add_warehouse(*db_, "shop", false, clock_);
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.status().code(), Code::kBadData);
  auto w = set_mapped(*db_, "depot", true);
  ASSERT_TRUE(w.ok());
  EXPECT_TRUE(w->mapped);
  ASSERT_TRUE(set_mapped(*db_, "shop", false).ok());
  auto list = list_warehouses(*db_);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].name, "shop");
  EXPECT_FALSE((*list)[0].mapped);
  EXPECT_TRUE((*list)[1].mapped);
  auto missing = set_mapped(*db_, "attic", true);
  EXPECT_EQ(missing.status().code(), Code::kNotFound);
  EXPECT_NE(missing.status().message().find("warehouse add attic"), std::string::npos);
}

}  // namespace
}  // namespace shelfnode::ledger
