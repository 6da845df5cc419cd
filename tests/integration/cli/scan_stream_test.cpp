// A running scan session: replies stream out while stdin stays open, and the session holds
// the data dir's single-writer lock (DESIGN invariant 7) until it ends.
#include <signal.h>

#include <memory>

#include "cli_fixture.h"

namespace shelfnode::cli_test {
namespace {

constexpr int kReplyTimeoutMs = 5000;

class ScanStreamTest : public CliTest {
 protected:
  void SetUp() override { init_store(); }

  std::unique_ptr<support::Child> start_scan(const std::string& mode,
                                             const std::string& warehouse = "shop") {
    return std::make_unique<support::Child>(
        std::vector<std::string>{support::shelfnode_bin(), "--data-dir", dir(), "scan",
                                 "--warehouse", warehouse, "--mode", mode});
  }

  // Sends one line and returns its reply ("" if none came in time).
  std::string exchange(support::Child& child, const std::string& line) {
    EXPECT_TRUE(child.write_stdin(line + "\n"));
    std::string reply;
    EXPECT_TRUE(child.read_line(reply, kReplyTimeoutMs)) << "no reply to '" << line << "'";
    return reply;
  }
};

TEST_F(ScanStreamTest, EachReplyArrivesBeforeTheNextLineIsSent) {
  auto child = start_scan("receive");
  const std::string first = exchange(*child, kApple);
  EXPECT_TRUE(starts_with(first, "OK ")) << first;
  EXPECT_TRUE(first.size() > 39 && is_movement_uuid(first.substr(3, 36))) << first;
  EXPECT_EQ(first.size() > 39 ? first.substr(39) : first, std::string(" ") + kApple + " 1");
  // Acknowledged means committed: another process already sees it.
  EXPECT_EQ(qty(kApple, "shop"), 1);

  const std::string second = exchange(*child, "BAD");
  EXPECT_TRUE(starts_with(second, "ERR unknown code 'BAD'")) << second;
  const std::string third = exchange(*child, std::string(kBreadUpcA) + "*4");
  EXPECT_TRUE(starts_with(third, "OK ")) << third;
  EXPECT_EQ(qty(kBread, "shop"), 4);

  child->close_stdin();
  EXPECT_EQ(child->read_rest(kReplyTimeoutMs), "");
  EXPECT_EQ(child->wait(kReplyTimeoutMs), 65) << "one scan was refused";
}

TEST_F(ScanStreamTest, ExitsZeroAfterOnlyAcknowledgedScans) {
  auto child = start_scan("sell");
  EXPECT_TRUE(starts_with(exchange(*child, kColaEan8), "OK "));
  child->close_stdin();
  EXPECT_EQ(child->wait(kReplyTimeoutMs), 0);
  EXPECT_EQ(qty(kCola, "shop"), -1);
}

TEST_F(ScanStreamTest, CountModeKeepsItsRunningTotalAcrossReplies) {
  ok({"receive", kApple, "10", "--warehouse", "shop"});
  auto child = start_scan("count");
  EXPECT_TRUE(starts_with(exchange(*child, kApple), "OK "));
  EXPECT_EQ(qty(kApple, "shop"), 1);
  EXPECT_TRUE(starts_with(exchange(*child, kAppleEan13), "OK "));
  EXPECT_EQ(qty(kApple, "shop"), 2);
  EXPECT_TRUE(starts_with(exchange(*child, kApple + std::string("*3")), "OK "));
  EXPECT_EQ(qty(kApple, "shop"), 5);
  child->close_stdin();
  EXPECT_EQ(child->wait(kReplyTimeoutMs), 0);
}

TEST_F(ScanStreamTest, OtherWritersWorkBesideAScanSessionAndInitWaitsNamingItsPid) {
  auto child = start_scan("receive");
  // Once a reply is out, the session surely holds the data dir.
  ASSERT_TRUE(starts_with(exchange(*child, kApple), "OK "));
  const std::string pid = std::to_string(child->pid());

  // The back room goes on while the till scans.
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"receive", kApple, "1", "--warehouse", "shop"},
           {"count", kApple, "3", "--warehouse", "shop"},
           {"move", kApple, "1", "--from", "shop", "--to", "depot"},
           {"warehouse", "add", "annex"},
           {"warehouse", "map", "depot"},
           {"alias", "add", "SHELF-1", kApple},
           {"catalog", "import", write_csv("c.csv", standard_catalog_csv())},
           {"scan", "--warehouse", "backroom", "--mode", "sell"}}) {
    SCOPED_TRACE(args[0]);
    support::RunResult r = sn(args, std::string(kApple) + "\n");
    EXPECT_EQ(r.exit_code, 0) << describe(r);
  }
  EXPECT_EQ(qty(kApple, "shop"), 2);
  EXPECT_EQ(qty(kApple, "depot"), 1);
  EXPECT_EQ(qty(kApple, "backroom"), -1);

  // init may rebuild the database: it needs the data dir alone and names who has it.
  const std::string before = ok({"stock", "--json"});
  expect_refused(sn({"init"}), 75, "is in use by another shelfnode (PID " + pid + " scan)");
  EXPECT_EQ(ok({"stock", "--json"}), before);

  // Readers take no lock.
  EXPECT_TRUE(contains(ok({"status"}), "ledger:       6 movements,")) << ok({"status"});
  ok({"status", "--json"});
  ok({"stock"});
  ok({"warehouse", "list"});
  ok({"catalog", "find", kApple});

  // The session is still working after all that.
  EXPECT_TRUE(starts_with(exchange(*child, kApple), "OK "));
  child->close_stdin();
  EXPECT_EQ(child->wait(kReplyTimeoutMs), 0);
  ok({"receive", kApple, "1", "--warehouse", "shop"});
  EXPECT_EQ(qty(kApple, "shop"), 4);
}

TEST_F(ScanStreamTest, LockIsReleasedWhenTheSessionIsKilled) {
  auto child = start_scan("receive");
  ASSERT_TRUE(starts_with(exchange(*child, kApple), "OK "));
  expect_refused(sn({"init"}), 75, "PID " + std::to_string(child->pid()));
  child->kill_now(SIGKILL);
  EXPECT_EQ(child->wait(kReplyTimeoutMs), 128 + SIGKILL);
  // The acknowledged scan survived the kill, and the data dir is free again.
  EXPECT_EQ(qty(kApple, "shop"), 1);
  ok({"init"});
  EXPECT_EQ(qty(kApple, "shop"), 1);
}

// Peak resident memory of a running process, in KiB, from the kernel's own high-water mark.
long vm_hwm_kib(pid_t pid) {
  const std::string status = support::read_file("/proc/" + std::to_string(pid) + "/status");
  const std::size_t at = status.find("VmHWM:");
  return at == std::string::npos ? -1 : std::stol(status.substr(at + 6));
}

TEST_F(ScanStreamTest, ARunawayLineIsRefusedInBoundedMemoryAndScanningGoesOn) {
  auto child = start_scan("receive");
  ASSERT_TRUE(starts_with(exchange(*child, kApple), "OK "));
  const long before = vm_hwm_kib(child->pid());
  // 64 MiB without a terminator: a scanner with its suffix off, or junk on a serial line.
  const std::string mib(1 << 20, '7');
  for (int i = 0; i < 64; ++i) ASSERT_TRUE(child->write_stdin(mib));
  EXPECT_TRUE(starts_with(exchange(*child, ""), "ERR scan longer than 4096 characters"));
  EXPECT_TRUE(starts_with(exchange(*child, kApple), "OK "));
  const long after = vm_hwm_kib(child->pid());
  ASSERT_GT(before, 0);
  // The line never piled up in memory (it grew by 64 MiB and more before).
  EXPECT_LT(after - before, 4 * 1024) << "peak RSS grew from " << before << " to " << after
                                      << " KiB";
  child->close_stdin();
  EXPECT_EQ(child->wait(kReplyTimeoutMs), 65);
  EXPECT_EQ(qty(kApple, "shop"), 2);
}

TEST_F(ScanStreamTest, ScansEndedByCrAloneAreSeparateScans) {
  auto child = start_scan("receive");
  ASSERT_TRUE(child->write_stdin(std::string(kApple) + "\r" + kApple + "\r"));
  std::string first, second;
  ASSERT_TRUE(child->read_line(first, kReplyTimeoutMs));
  ASSERT_TRUE(child->read_line(second, kReplyTimeoutMs));
  EXPECT_TRUE(starts_with(first, "OK ")) << first;
  EXPECT_TRUE(starts_with(second, "OK ")) << second;
  child->close_stdin();
  EXPECT_EQ(child->wait(kReplyTimeoutMs), 0);
  EXPECT_EQ(qty(kApple, "shop"), 2);
}

}  // namespace
}  // namespace shelfnode::cli_test
