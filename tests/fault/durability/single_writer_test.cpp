// One writer per data dir (DESIGN §4 invariant 7): a second writer is refused with exit 75
// naming the PID that holds the data dir, and a writer killed with SIGKILL never leaves it
// locked (the lock is an flock, dropped by the kernel with the process).
#include <gtest/gtest.h>
#include <signal.h>

#include "fault/durability/fault_env.h"

namespace shelfnode::fault {
namespace {

constexpr int kTimeoutMs = 10000;
const std::vector<std::string> kScanArgs{"scan", "--warehouse", "shop", "--mode", "receive"};

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

TEST(SingleWriter, SecondWriterIsRefusedNamingTheFirstPid) {
  testing::TempDir tmp;
  const std::string dir = tmp.file("data");
  ASSERT_EQ(make_shop(dir, tmp.path()), "");
  AckedMovements acked;
  testing::Child first(scan_argv(dir));
  ASSERT_EQ(start_writer(first, "SKU-01", acked), "");

  expect_refused_naming(testing::shelfnode(dir, kScanArgs, "SKU-02\n"), first.pid());
  expect_refused_naming(testing::shelfnode(dir, {"receive", "SKU-02", "1", "--warehouse", "shop"}),
                        first.pid());

  first.close_stdin();
  EXPECT_EQ(first.wait(kTimeoutMs), 0);
  EXPECT_EQ(movement_count(dir), 1) << "a refused writer stored something";
  const std::vector<std::string> v = ledger_violations(dir, acked);
  EXPECT_TRUE(v.empty()) << v.front();
}

TEST(SingleWriter, SigkilledWriterNeverLeavesTheDataDirLocked) {
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
  // The lock file now names a live holder, not one of the dead ones.
  testing::Child holder(scan_argv(dir));
  ASSERT_EQ(start_writer(holder, "SKU-20", acked), "");
  expect_refused_naming(testing::shelfnode(dir, kScanArgs, "SKU-21\n"), holder.pid());
  holder.close_stdin();
  EXPECT_EQ(holder.wait(kTimeoutMs), 0);
  const std::vector<std::string> v = ledger_violations(dir, acked);
  EXPECT_TRUE(v.empty()) << v.front();
}

}  // namespace
}  // namespace shelfnode::fault
