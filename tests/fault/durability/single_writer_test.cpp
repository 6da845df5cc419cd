// Writers share a data dir (store/data_dir_lock.h): two scan sessions side by side lose
// nothing, `init` (which needs it alone) is refused with exit 75 naming a PID that holds it,
// and a writer killed with SIGKILL never leaves it locked (record locks are dropped by the
// kernel with the process).
#include <gtest/gtest.h>
#include <signal.h>

#include "fault/durability/fault_env.h"

namespace shelfnode::fault {
namespace {

constexpr int kTimeoutMs = 10000;

// Starts a scan session and waits for the OK of one scan, so it surely holds the lock.
// Returns "" or what went wrong.
std::string start_writer(testing::Child& child, const std::string& sku, AckedMovements& acked) {
  std::string reply;
  if (!child.write_stdin(sku + "\n") || !child.read_line(reply, kTimeoutMs)) {
    return "scan session gave no reply; it exited with " + std::to_string(child.wait(kTimeoutMs)) +
           " (75 = data dir still locked)";
  }
  Ack a;
  if (!parse_ack(reply, a) || a.sku != sku) return "unexpected reply: " + reply;
  acked[a.uuid] = ExpectedMovement{a.sku, a.qty};
  return "";
}

void expect_refused_naming(const testing::RunResult& r, pid_t holder) {
  EXPECT_EQ(r.exit_code, 75) << r.out << r.err;
  EXPECT_FALSE(contains(r.out, "OK ")) << r.out;
  EXPECT_TRUE(contains(r.err, "PID " + std::to_string(holder))) << r.err;
}

TEST(SharedDataDir, TwoScanSessionsSideBySideLoseNothingAndInitWaitsForBoth) {
  testing::TempDir tmp;
  const std::string dir = tmp.file("data");
  ASSERT_EQ(make_shop(dir, tmp.path()), "");
  AckedMovements acked;
  testing::Child till(scan_argv(dir));
  testing::Child back_room(scan_argv(dir));
  ASSERT_EQ(start_writer(till, "SKU-01", acked), "");
  ASSERT_EQ(start_writer(back_room, "SKU-02", acked), "");
  for (int i = 0; i < 100; ++i) {
    ASSERT_EQ(start_writer(i % 2 ? till : back_room, sku_name(1 + i % kSkuCount), acked), "")
        << "scan " << i;
  }
  const testing::RunResult init = testing::shelfnode(dir, {"init"});
  EXPECT_EQ(init.exit_code, 75) << init.err;
  EXPECT_TRUE(contains(init.err, "PID " + std::to_string(till.pid())) ||
              contains(init.err, "PID " + std::to_string(back_room.pid())))
      << init.err;
  till.close_stdin();
  back_room.close_stdin();
  EXPECT_EQ(till.wait(kTimeoutMs), 0);
  EXPECT_EQ(back_room.wait(kTimeoutMs), 0);
  EXPECT_EQ(movement_count(dir), 102);
  const std::vector<std::string> v = ledger_violations(dir, acked);
  EXPECT_TRUE(v.empty()) << v.front();
}

TEST(SharedDataDir, SigkilledWriterNeverLeavesTheDataDirLocked) {
  testing::TempDir tmp;
  const std::string dir = tmp.file("data");
  ASSERT_EQ(make_shop(dir, tmp.path()), "");
  AckedMovements acked;
  std::string burst;
  for (int i = 1; i <= 300; ++i) burst += sku_name(1 + i % kSkuCount) + "\n";
  for (int cycle = 0; cycle < 6; ++cycle) {
    testing::Child writer(scan_argv(dir));
    ASSERT_EQ(start_writer(writer, sku_name(1 + cycle), acked), "") << "cycle " << cycle;
    // Even cycles die in the middle of a group commit, odd ones while idle.
    if (cycle % 2 == 0) {
      ASSERT_TRUE(writer.write_stdin(burst));
    }
    writer.kill_now(SIGKILL);
    ASSERT_EQ(writer.wait(kTimeoutMs), 128 + SIGKILL) << "cycle " << cycle;
  }
  // Nothing dead holds the data dir: init gets it alone. A live holder is named.
  EXPECT_EQ(testing::shelfnode(dir, {"init"}).exit_code, 0);
  testing::Child holder(scan_argv(dir));
  ASSERT_EQ(start_writer(holder, "SKU-20", acked), "");
  expect_refused_naming(testing::shelfnode(dir, {"init"}), holder.pid());
  holder.close_stdin();
  EXPECT_EQ(holder.wait(kTimeoutMs), 0);
  const std::vector<std::string> v = ledger_violations(dir, acked);
  EXPECT_TRUE(v.empty()) << v.front();
}

}  // namespace
}  // namespace shelfnode::fault
