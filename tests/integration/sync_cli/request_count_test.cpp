// `sync` sends the fewest calls (DESIGN §4.4): with every SKU of a 1200-SKU site confirmed
// (three of the round's 500-SKU slices, so calls are filled across slices),
// changing K of them costs exactly ⌈increases/300⌉ + ⌈decreases/300⌉ inventory writes and
// one orders search, and nothing else: no read, no absolute set. The emulator's request log
// is the witness; `sync --json` must count the same calls.
#include <cstdio>
#include <set>

#include "integration/sync_cli/sync_cli_fixture.h"

namespace shelfnode::sync_cli_test {
namespace {

constexpr int kPerCall = 300;  // V1 and V3 increment/decrement maximum [R24][SDK:inv3]

std::string sku_of(bool v3, int i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s-%06d", v3 ? "GEN3" : "GEN1", i % kGeneratedSkus);
  return buf;
}

int calls_for(int entries) {
  return (entries + kPerCall - 1) / kPerCall;
}

struct Batch {
  int increases;
  int decreases;
};

class RequestCountTest : public SyncCliTest {
 protected:
  // Counts every generated SKU once in `shop` (10..49, so a sale never reaches zero) and
  // syncs until Wix confirms all of them.
  void count_everything(bool v3) {
    std::string lines;
    for (int i = 0; i < kGeneratedSkus; ++i) {
      expected_[sku_of(v3, i)] = 10 + i % 40;
      lines += sku_of(v3, i) + "*" + std::to_string(10 + i % 40) + "\n";
    }
    const support::RunResult scan = sn({"scan", "--warehouse", "shop", "--mode", "count"}, lines);
    ASSERT_EQ(scan.exit_code, 0) << describe(scan);
    int exit = -1;
    for (int round = 0; round < 6 && exit != 0; ++round) exit = sync().result.exit_code;
    ASSERT_EQ(exit, 0) << "the device did not converge on " << kGeneratedSkus << " SKUs";
    expect_wix_matches(v3);
  }

  void expect_wix_matches(bool v3) {
    const std::map<std::string, WixRow> rows = wix_rows(v3 ? kGenV3Site : kGenV1Site);
    int wrong = 0;
    for (const auto& [sku, want] : expected_) {
      auto it = rows.find(sku);
      const std::int64_t got = it == rows.end() ? -1 : it->second.quantity;
      if (got != want && ++wrong <= 5) {
        ADD_FAILURE() << sku << ": Wix has " << got << ", want " << want;
      }
    }
    EXPECT_EQ(wrong, 0) << "SKUs whose quantity in Wix is wrong";
  }

  // Changes `b.increases` SKUs by +1 and `b.decreases` others by -1 (from SKU `first` on),
  // syncs once, and checks the calls that round made.
  void push_batch(bool v3, int first, const Batch& b) {
    SCOPED_TRACE("+" + std::to_string(b.increases) + " / -" + std::to_string(b.decreases));
    const std::map<std::string, WixRow> rows = wix_rows(v3 ? kGenV3Site : kGenV1Site);
    std::set<std::string> up, down;  // V1 product IDs, V3 inventory item IDs
    std::string receive, sell;
    for (int i = 0; i < b.increases + b.decreases; ++i) {
      const std::string sku = sku_of(v3, first + i);
      const bool inc = i < b.increases;
      (inc ? receive : sell) += sku + "\n";
      expected_[sku] += inc ? 1 : -1;
      const WixRow& row = rows.at(sku);
      (inc ? up : down).insert(v3 ? row.item_id : row.product_id);
    }
    for (const auto& [mode, lines] : {std::pair{"receive", receive}, std::pair{"sell", sell}}) {
      if (lines.empty()) continue;
      const support::RunResult r = sn({"scan", "--warehouse", "shop", "--mode", mode}, lines);
      ASSERT_EQ(r.exit_code, 0) << describe(r);
    }
    ASSERT_EQ(admin("POST", "/_emulator/requests/clear").status, 200);

    const SyncRun run = sync();
    ASSERT_EQ(run.result.exit_code, 0) << describe(run.result);
    const cJSON* root = run.json.get();

    // The request log: one orders search, the writes, nothing else.
    const std::string writes =
        v3 ? "/stores/v3/bulk/inventory-items/" : "/stores/v2/inventoryItems/";
    const char* list[2] = {"incrementData", "decrementData"};
    const char* amount[2] = {"incrementBy", "decrementBy"};
    const char* id = v3 ? "inventoryItemId" : "productId";
    int searches = 0, other = 0, calls[2] = {0, 0};
    std::set<std::string> sent[2];
    JsonPtr log = requests();
    const cJSON* r = nullptr;
    cJSON_ArrayForEach(r, member(log.get(), "requests")) {
      const std::string path = text_of(r, "path");
      const int kind = path == writes + "increment" ? 0 : path == writes + "decrement" ? 1 : -1;
      if (path == "/ecom/v1/orders/search") {
        ++searches;
      } else if (kind < 0) {
        ++other;
        ADD_FAILURE() << "unexpected call " << text_of(r, "method") << " " << path;
        continue;
      } else {
        ++calls[kind];
        const cJSON* entries = member(member(r, "body"), list[kind]);
        EXPECT_LE(cJSON_GetArraySize(entries), kPerCall) << path;
        const cJSON* e = nullptr;
        cJSON_ArrayForEach(e, entries) {
          EXPECT_TRUE(sent[kind].insert(text_of(e, id)).second)
              << "one SKU in two entries of " << path;
          EXPECT_EQ(int_of(e, amount[kind]), 1) << path;
        }
      }
      EXPECT_EQ(int_of(r, "status"), 200) << path;
    }
    EXPECT_EQ(searches, 1);
    EXPECT_EQ(other, 0);
    EXPECT_EQ(calls[0], calls_for(b.increases));
    EXPECT_EQ(calls[1], calls_for(b.decreases));
    EXPECT_EQ(sent[0], up);
    EXPECT_EQ(sent[1], down);

    // `sync --json` counts the same calls.
    const cJSON* c = member(root, "calls");
    EXPECT_EQ(int_of(c, "increment"), calls_for(b.increases));
    EXPECT_EQ(int_of(c, "decrement"), calls_for(b.decreases));
    EXPECT_EQ(int_of(c, "read"), 0);
    EXPECT_EQ(int_of(c, "read_all"), 0);
    EXPECT_EQ(int_of(c, "set"), 0);
    EXPECT_EQ(int_of(member(root, "orders"), "requests"), 1);
    EXPECT_EQ(int_of(root, "pushed_entries"), b.increases + b.decreases);
    EXPECT_EQ(int_of(root, "managed"), kGeneratedSkus);
    EXPECT_EQ(int_of(root, "in_sync"), kGeneratedSkus);
    EXPECT_TRUE(cJSON_IsTrue(member(root, "converged")));
    expect_wix_matches(v3);
  }

  std::map<std::string, std::int64_t> expected_;
};

TEST_F(RequestCountTest, V1ChangesGoOutInTheFewestCalls) {
  ASSERT_NO_FATAL_FAILURE(connect_device(kGenV1Site, kGenKey));
  ASSERT_NO_FATAL_FAILURE(count_everything(false));
  int first = 0;
  for (const Batch& b :
       {Batch{1, 0}, Batch{150, 149}, Batch{0, 300}, Batch{301, 0}, Batch{399, 301}}) {
    ASSERT_NO_FATAL_FAILURE(push_batch(false, first, b));
    first += b.increases + b.decreases;
  }
}

TEST_F(RequestCountTest, V3ChangesGoOutInTheFewestCalls) {
  ASSERT_NO_FATAL_FAILURE(connect_device(kGenV3Site, kGenKey));
  ASSERT_NO_FATAL_FAILURE(count_everything(true));
  ASSERT_NO_FATAL_FAILURE(push_batch(true, 0, Batch{1, 0}));
  ASSERT_NO_FATAL_FAILURE(push_batch(true, 1, Batch{399, 301}));
}

}  // namespace
}  // namespace shelfnode::sync_cli_test
