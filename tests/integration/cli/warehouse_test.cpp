// warehouse add / map / unmap / list.
#include "cli_fixture.h"

namespace shelfnode::cli_test {
namespace {

class WarehouseTest : public CliTest {
 protected:
  void SetUp() override { ok({"init"}); }

  // (name, mapped) pairs from `warehouse list --json`, in list order.
  std::vector<std::pair<std::string, bool>> listed() {
    std::vector<std::pair<std::string, bool>> out;
    support::RunResult r = sn({"warehouse", "list", "--json"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    JsonPtr root = parse_json(r.out);
    if (!root) {
      ADD_FAILURE() << "not JSON: " << r.out;
      return out;
    }
    const cJSON* w = nullptr;
    cJSON_ArrayForEach(w, cJSON_GetObjectItemCaseSensitive(root.get(), "warehouses")) {
      const cJSON* mapped = cJSON_GetObjectItemCaseSensitive(w, "mapped");
      EXPECT_TRUE(cJSON_IsBool(mapped));
      out.emplace_back(json_string(w, "name"), cJSON_IsTrue(mapped));
    }
    return out;
  }
};

using Listed = std::vector<std::pair<std::string, bool>>;

TEST_F(WarehouseTest, AddPrintsWhatWasAdded) {
  EXPECT_EQ(ok({"warehouse", "add", "shop", "--mapped"}),
            "warehouse shop: mapped (counts towards Wix)\n");
  EXPECT_EQ(ok({"warehouse", "add", "depot"}),
            "warehouse depot: not mapped (does not count towards Wix)\n");
  EXPECT_EQ(listed(), (Listed{{"shop", true}, {"depot", false}}));
}

TEST_F(WarehouseTest, ListTextAndEmpty) {
  EXPECT_EQ(ok({"warehouse", "list"}),
            "no warehouses yet: add one with `shelfnode warehouse add NAME --mapped`\n");
  EXPECT_EQ(ok({"warehouse", "list", "--json"}), "{\n\t\"warehouses\":\t[]\n}\n");
  ok({"warehouse", "add", "shop", "--mapped"});
  ok({"warehouse", "add", "depot"});
  const std::vector<std::string> lines = split_lines(ok({"warehouse", "list"}));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_TRUE(starts_with(lines[0], "WAREHOUSE ")) << lines[0];
  EXPECT_TRUE(starts_with(lines[1], "shop ")) << lines[1];
  EXPECT_TRUE(contains(lines[1], " yes")) << lines[1];
  EXPECT_TRUE(starts_with(lines[2], "depot ")) << lines[2];
  EXPECT_TRUE(contains(lines[2], " no")) << lines[2];
}

TEST_F(WarehouseTest, JsonListUsesBooleans) {
  ok({"warehouse", "add", "shop", "--mapped"});
  const std::string out = ok({"warehouse", "list", "--json"});
  EXPECT_TRUE(contains(out, "\"mapped\":\ttrue")) << out;
}

TEST_F(WarehouseTest, MapAndUnmap) {
  ok({"warehouse", "add", "depot"});
  EXPECT_EQ(ok({"warehouse", "map", "depot"}), "warehouse depot: mapped (counts towards Wix)\n");
  EXPECT_EQ(listed(), (Listed{{"depot", true}}));
  EXPECT_EQ(ok({"warehouse", "unmap", "depot"}),
            "warehouse depot: not mapped (does not count towards Wix)\n");
  EXPECT_EQ(listed(), (Listed{{"depot", false}}));
  // Both are idempotent.
  ok({"warehouse", "unmap", "depot"});
  ok({"warehouse", "map", "depot"});
  ok({"warehouse", "map", "depot"});
  EXPECT_EQ(listed(), (Listed{{"depot", true}}));
}

TEST_F(WarehouseTest, LongestAllowedNameAndAllowedCharacters) {
  const std::string name32(32, 'a');
  ok({"warehouse", "add", name32});
  ok({"warehouse", "add", "Back-room_2"});
  ok({"warehouse", "add", "9th"});
  EXPECT_EQ(listed(), (Listed{{name32, false}, {"Back-room_2", false}, {"9th", false}}));
}

TEST_F(WarehouseTest, InvalidNamesExit64AndAddNothing) {
  ok({"warehouse", "add", "shop"});
  const std::string name33(33, 'a');
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "warehouse name is empty"},
      {name33, "longer than 32 characters"},
      {"a b", "may only use letters, digits, '-' and '_'"},
      {"x/y", "may only use letters, digits, '-' and '_'"},
      {"caf\xc3\xa9", "may only use letters, digits, '-' and '_'"},
      {"_x", "must start with a letter or digit"},
  };
  for (const auto& [name, why] : cases) {
    SCOPED_TRACE("name '" + name + "'");
    expect_refused(sn({"warehouse", "add", name}), 64, why);
    expect_refused(sn({"warehouse", "add", name, "--mapped"}), 64, why);
  }
  // A leading '-' is an option to getopt; after `--` it reaches the name check.
  expect_refused(sn({"warehouse", "add", "-x"}), 64, "unknown option '-x'");
  expect_refused(sn({"warehouse", "add", "--", "-x"}), 64, "must start with a letter or digit");
  EXPECT_EQ(listed(), (Listed{{"shop", false}}));
}

// Not temporary: a script that retries on 75 must not loop on it forever.
TEST_F(WarehouseTest, DuplicateExits65) {
  ok({"warehouse", "add", "shop", "--mapped"});
  expect_refused(sn({"warehouse", "add", "shop"}), 65, "warehouse 'shop' already exists (mapped)");
  // Names are exact: a different case is a different warehouse.
  ok({"warehouse", "add", "Shop"});
  EXPECT_EQ(listed(), (Listed{{"shop", true}, {"Shop", false}}));
}

TEST_F(WarehouseTest, UnknownWarehouseOnMapOrUnmapExits65) {
  ok({"warehouse", "add", "shop"});
  expect_refused(sn({"warehouse", "map", "nowhere"}), 65, "no warehouse named 'nowhere'");
  expect_refused(sn({"warehouse", "unmap", "nowhere"}), 65, "`shelfnode warehouse add nowhere`");
  EXPECT_EQ(listed(), (Listed{{"shop", false}}));
}

TEST_F(WarehouseTest, WrongArgumentCountsExit64) {
  expect_refused(sn({"warehouse", "add"}), 64, "missing argument");
  expect_refused(sn({"warehouse", "add", "a", "b"}), 64, "unexpected argument 'b'");
  expect_refused(sn({"warehouse", "map"}), 64, "missing argument");
  expect_refused(sn({"warehouse", "list", "extra"}), 64, "unexpected argument 'extra'");
  expect_refused(sn({"warehouse", "add", "a", "--mapped=yes"}), 64);
  EXPECT_EQ(listed(), Listed{});
}

}  // namespace
}  // namespace shelfnode::cli_test
