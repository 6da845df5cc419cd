// What `sync` says about a round, through the real binary: during an outage it says what was
// tried and that nothing reached Wix, and names every step that failed; an online order
// fetched again (the orders cursor is inclusive, and a round may pull twice) is not news;
// counts of one are singular.
#include "integration/sync_cli/sync_cli_fixture.h"

namespace shelfnode::sync_cli_test {
namespace {

class SyncSummaryTest : public SyncCliTest {
 protected:
  // `sync` in text; its stdout.
  std::string sync_text(int want_exit) {
    const support::RunResult r = sn({"sync"});
    EXPECT_EQ(r.exit_code, want_exit) << describe(r);
    return r.out;
  }

  void checkout(const std::string& sku, int quantity) {
    const support::AdminAnswer a =
        admin("POST", "/_emulator/checkout",
              R"({"siteId":")" + std::string(support::kV1Site) + R"(","lines":[{"sku":")" + sku + R"(","quantity":)" + std::to_string(quantity) +
                  "}]}");
    ASSERT_EQ(a.status, 200) << a.body;
  }
};

TEST_F(SyncSummaryTest, AnOutageSaysWhatWasTriedThatNothingReachedWixAndEveryFailedStep) {
  ASSERT_NO_FATAL_FAILURE(shelf_in_sync());
  ok({"sell", "OAK-SHELF-60", "1", "--warehouse", "shop"});
  ASSERT_NO_FATAL_FAILURE(wix_down());

  const std::string out = sync_text(75);
  EXPECT_TRUE(contains(out, "sync: pending: 1 of 1 managed SKU still differs from Wix")) << out;
  EXPECT_TRUE(contains(out, "orders:    not pulled (see below)\n")) << out;
  // One decrement call, retried: tried, and nothing of it got through.
  EXPECT_TRUE(contains(out, "pushed:    1 change in 1 call (1 decrement, ")) << out;
  EXPECT_TRUE(contains(out, " requests): nothing reached Wix\n")) << out;
  EXPECT_FALSE(contains(out, "landed")) << out;
  EXPECT_TRUE(contains(out, "stopped early, 2 steps failed:\n  orders pull: ")) << out;
  EXPECT_TRUE(contains(out, "\n  push: Wix is unavailable (HTTP 503)")) << out;
  EXPECT_TRUE(contains(out, "the next `shelfnode sync` carries on")) << out;

  const SyncRun run = sync();
  EXPECT_EQ(run.result.exit_code, 75);
  const cJSON* push = member(run.json.get(), "push");
  EXPECT_EQ(int_of(push, "calls"), 1) << run.result.out;
  EXPECT_EQ(int_of(push, "changes"), 1);
  EXPECT_EQ(int_of(push, "landed"), 0);
  EXPECT_EQ(int_of(push, "not_sent"), 1);
  EXPECT_EQ(int_of(run.json.get(), "pushed_entries"), 0);
  const cJSON* problems = member(run.json.get(), "problems");
  ASSERT_EQ(cJSON_GetArraySize(problems), 2) << run.result.out;
  EXPECT_EQ(text_of(cJSON_GetArrayItem(problems, 0), "step"), "orders pull");
  EXPECT_EQ(text_of(cJSON_GetArrayItem(problems, 1), "step"), "push");

  ASSERT_EQ(admin("DELETE", "/_emulator/faults").status, 200);
  const std::string back = sync_text(0);
  EXPECT_TRUE(contains(back, "sync: in sync: Wix matches the 1 managed SKU (")) << back;
  EXPECT_TRUE(contains(back, "pushed:    1 change in 1 call (1 decrement): landed in Wix\n"))
      << back;
  EXPECT_FALSE(contains(back, "stopped early")) << back;
}

TEST_F(SyncSummaryTest, AnOrderFetchedAgainIsNotANewOrder) {
  ASSERT_NO_FATAL_FAILURE(shelf_in_sync());
  ASSERT_NO_FATAL_FAILURE(checkout("OAK-SHELF-60", 2));

  const std::string first = sync_text(0);
  EXPECT_TRUE(contains(first, "orders:    1 new online order: 1 line applied\n")) << first;
  EXPECT_TRUE(contains(first, "pushed:    nothing to push")) << first;
  // The next rounds fetch the same order again (the cursor is inclusive): seen, not new.
  const SyncRun again = sync();
  const cJSON* orders = member(again.json.get(), "orders");
  EXPECT_GE(int_of(orders, "orders_seen"), 1) << again.result.out;
  EXPECT_EQ(int_of(orders, "orders_new"), 0) << again.result.out;
  EXPECT_EQ(int_of(orders, "lines_applied"), 0);
  const std::string text = sync_text(0);
  EXPECT_TRUE(contains(text, "orders:    no new online orders\n")) << text;
}

}  // namespace
}  // namespace shelfnode::sync_cli_test
