// The daemon at the till: scans from a pseudo-terminal scanner are booked before they are
// acknowledged, whatever happens to the process; systemd hears READY, WATCHDOG and STATUS.
#include <csignal>
#include <fstream>

#include "integration/daemon/daemon_fixture.h"

namespace shelfnode::daemon_test {
namespace {

TEST_F(DaemonTest, TellsSystemdReadyWatchdogAndStatusAndRunsWithoutScanners) {
  ASSERT_NO_FATAL_FAILURE(offline_device());
  ASSERT_NO_FATAL_FAILURE(start_daemon(200'000));
  std::string seen;
  EXPECT_TRUE(notify_->wait_for("WATCHDOG=1", 2000, &seen)) << seen;
  EXPECT_TRUE(notify_->wait_for("WATCHDOG=1", 2000, &seen)) << "pinged once only: " << seen;
  const support::RunResult st = sn({"status"});
  EXPECT_EQ(st.exit_code, 0) << describe(st);
  EXPECT_TRUE(contains(st.out, "daemon:       running, PID " + std::to_string(daemon_->pid())))
      << st.out;
  EXPECT_TRUE(contains(st.out, "scanners:     none configured (sync only")) << st.out;
  EXPECT_TRUE(contains(st.out, "rounds:       none (not connected to Wix)")) << st.out;
  // "Sync now" on a device not connected: the daemon says why, with `sync`'s own exit code.
  const support::RunResult sync = sn({"sync"});
  EXPECT_EQ(sync.exit_code, 78) << describe(sync);
  EXPECT_TRUE(contains(sync.err, "not connected to Wix: run `shelfnode --data-dir")) << sync.err;
  daemon_->kill_now(SIGTERM);
  EXPECT_EQ(daemon_->wait(10000), 0) << log();
  EXPECT_TRUE(notify_->wait_for("STOPPING=1", 2000));
}

TEST_F(DaemonTest, ScansFromASerialScannerAreBookedThenAcknowledged) {
  ASSERT_NO_FATAL_FAILURE(offline_device());
  support::Pty scanner;
  write_config("[" + serial_scanner(scanner.slave(), "shop", "receive") + "]");
  ASSERT_NO_FATAL_FAILURE(start_daemon());
  std::string seen;
  ASSERT_TRUE(notify_->wait_for("STATUS=scanners 1/1 attached", 5000, &seen)) << seen << log();
  const std::string ok = scan(scanner, "4006381333931");
  EXPECT_EQ(ok.substr(0, 3), "OK ") << ok;
  EXPECT_TRUE(contains(ok, "MUG-1 1")) << ok;
  const std::string refused = scan(scanner, "4006381333932");
  EXPECT_EQ(refused.substr(0, 4), "ERR ") << refused;
  EXPECT_EQ(scan(scanner, "CAP-2*3").substr(0, 3), "OK ");
  // Acknowledged means in the ledger, for any reader.
  EXPECT_EQ(movements(), 2);
  JsonPtr st = status_json();
  const cJSON* d = cJSON_GetObjectItemCaseSensitive(st.get(), "daemon");
  ASSERT_TRUE(cJSON_IsObject(d));
  const cJSON* first = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(d, "scanners"), 0);
  EXPECT_EQ(sync_cli_test::text_of(first, "state"), "attached");
  EXPECT_EQ(sync_cli_test::int_of(first, "acknowledged"), 2);
  EXPECT_EQ(sync_cli_test::int_of(first, "refused"), 1);
}

TEST_F(DaemonTest, AScannerAbsentAtStartIsWaitedForAndUsedWhenItComes) {
  ASSERT_NO_FATAL_FAILURE(offline_device());
  support::Pty scanner;
  const std::string link = notify_dir_.file("ttyACM-scanner");
  write_config("[" + serial_scanner(link, "shop", "receive") + "]");
  ASSERT_NO_FATAL_FAILURE(start_daemon());
  const support::RunResult st = sn({"status"});
  EXPECT_TRUE(contains(st.out, "waiting for the device")) << st.out;
  support::point_symlink(link, scanner.slave());
  std::string seen;
  ASSERT_TRUE(notify_->wait_for("STATUS=scanners 1/1 attached", 5000, &seen)) << seen << log();
  EXPECT_EQ(scan(scanner, "4006381333931").substr(0, 3), "OK ");
}

// A mistake in a scanner's entry stops the start with the entry named (exit 78, which the
// unit does not retry): a device left without its scanner would fail silently otherwise.
TEST_F(DaemonTest, ABadScannerEntryIsAConfigurationErrorNamingIt) {
  ASSERT_NO_FATAL_FAILURE(offline_device());
  support::Pty scanner;
  const std::string till = serial_scanner(scanner.slave(), "shop", "sell");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"[" + serial_scanner(scanner.slave(), "attic", "sell") + "]", "scanners[0].warehouse"},
      {"[" + serial_scanner(scanner.slave(), "shop", "steal") + "]", "scanners[0].mode"},
      {R"([{"source": "usb:/dev/x", "warehouse": "shop", "mode": "sell"}])", "scanners[0].source"},
      {"[" + till.substr(0, till.size() - 1) + R"(, "feedback": "gpio:)" +
           notify_dir_.file("no-chip") + R"(,line=3"}])",
       "scanners[0].feedback"},
  };
  for (const auto& [scanners, field] : cases) {
    write_config(scanners);
    const support::RunResult r = sn({"daemon"});
    EXPECT_EQ(r.exit_code, 78) << scanners << "\n" << describe(r);
    EXPECT_TRUE(contains(r.err, field)) << r.err;
  }
}

TEST_F(DaemonTest, ASecondDaemonIsRefusedNamingTheFirst) {
  ASSERT_NO_FATAL_FAILURE(offline_device());
  ASSERT_NO_FATAL_FAILURE(start_daemon());
  const support::RunResult second = sn({"daemon"});
  EXPECT_EQ(second.exit_code, 75) << describe(second);
  EXPECT_TRUE(contains(second.err, "PID " + std::to_string(daemon_->pid()) + " daemon"))
      << second.err;
  // The first is untouched: it still answers.
  EXPECT_TRUE(contains(sn({"status"}).out, "daemon:       running")) << log();
}

TEST_F(DaemonTest, CommandsAtATerminalBookBesideTheDaemon) {
  ASSERT_NO_FATAL_FAILURE(offline_device());
  support::Pty scanner;
  write_config("[" + serial_scanner(scanner.slave(), "shop", "sell") + "]");
  ASSERT_NO_FATAL_FAILURE(start_daemon());
  EXPECT_EQ(sn({"receive", "MUG-1", "5", "--warehouse", "shop"}).exit_code, 0);
  EXPECT_EQ(scan(scanner, "MUG-1").substr(0, 3), "OK ");
  const support::RunResult till =
      sn({"scan", "--warehouse", "backroom", "--mode", "receive"}, "MUG-1\nMUG-1\n");
  EXPECT_EQ(till.exit_code, 0) << describe(till);
  EXPECT_EQ(movements(), 4);
}

// Scans keep coming while the daemon is killed: every scan it acknowledged is in the ledger.
TEST_F(DaemonTest, KillNineMidStreamLosesNoAcknowledgedScan) {
  ASSERT_NO_FATAL_FAILURE(offline_device());
  support::Pty scanner;
  write_config("[" + serial_scanner(scanner.slave(), "shop", "receive") + "]");
  ASSERT_NO_FATAL_FAILURE(start_daemon());
  int acknowledged = 0, sent = 0;
  std::string reply;
  // Twenty scans at a time, the replies read as they come, so the kill lands while scans are
  // still arriving and being booked.
  while (acknowledged < 150) {
    std::string chunk;
    for (int i = 0; i < 20; ++i, ++sent) chunk += (sent % 2 ? "MUG-1\r\n" : "CAP-2\r\n");
    scanner.write_all(chunk);
    while (daemon_->read_line(reply, acknowledged + 20 < sent ? 1000 : 5)) {
      if (reply.rfind("OK ", 0) == 0) ++acknowledged;
      if (acknowledged + 5 >= sent) break;
    }
    ASSERT_LT(sent, 5000) << "the daemon stopped answering\n" << log();
  }
  daemon_->kill_now(SIGKILL);
  EXPECT_EQ(daemon_->wait(10000), 128 + SIGKILL);
  EXPECT_GE(movements(), acknowledged) << log();
  EXPECT_LE(movements(), sent);
}

// SIGTERM with scans still waiting in the scanner's line: they are booked and answered, then
// exit 0; nothing answered is missing, nothing booked is unanswered.
TEST_F(DaemonTest, SigtermWithInputPendingBooksItAllAndExitsZero) {
  ASSERT_NO_FATAL_FAILURE(offline_device());
  support::Pty scanner;
  write_config("[" + serial_scanner(scanner.slave(), "shop", "receive") + "]");
  ASSERT_NO_FATAL_FAILURE(start_daemon());
  std::string burst;
  for (int i = 0; i < 300; ++i) burst += "MUG-1\r\n";
  // The last one without its suffix: it ends on the inter-byte gap, during the drain.
  burst += "CAP-2";
  scanner.write_all(burst);
  daemon_->kill_now(SIGTERM);
  const std::string replies = daemon_->read_rest(15000);
  EXPECT_EQ(daemon_->wait(15000), 0) << log();
  int acknowledged = 0;
  for (std::size_t at = 0; (at = replies.find("OK ", at)) != std::string::npos; ++at)
    ++acknowledged;
  EXPECT_EQ(movements(), acknowledged) << log();
  EXPECT_GT(acknowledged, 0);
  EXPECT_TRUE(contains(log(), "event=daemon.stopped")) << log();
}

TEST_F(DaemonTest, ReloadSwitchesAScannersWarehouseWithoutDroppingAScan) {
  ASSERT_NO_FATAL_FAILURE(offline_device());
  support::Pty scanner;
  write_config("[" + serial_scanner(scanner.slave(), "shop", "receive") + "]");
  ASSERT_NO_FATAL_FAILURE(start_daemon());
  EXPECT_EQ(scan(scanner, "MUG-1").substr(0, 3), "OK ");
  // A config naming a warehouse that does not exist is refused; the old one stays in force.
  write_config("[" + serial_scanner(scanner.slave(), "nowhere", "receive") + "]");
  daemon_->kill_now(SIGHUP);
  std::string seen;
  ASSERT_TRUE(notify_->wait_for("config reload refused", 5000, &seen)) << seen << log();
  const support::RunResult st = sn({"status"});
  EXPECT_TRUE(contains(st.out, "the last reload was refused")) << st.out;
  EXPECT_TRUE(contains(st.out, "scanners[0].warehouse")) << st.out;
  EXPECT_EQ(scan(scanner, "MUG-1").substr(0, 3), "OK ");
  write_config("[" + serial_scanner(scanner.slave(), "backroom", "receive") + "]");
  daemon_->kill_now(SIGHUP);
  ASSERT_TRUE(notify_->wait_for("READY=1", 5000, &seen)) << seen;
  EXPECT_EQ(scan(scanner, "MUG-1").substr(0, 3), "OK ");
  const support::RunResult stock = sn({"stock", "MUG-1", "--json"});
  EXPECT_TRUE(contains(stock.out, "\"backroom\"")) << stock.out;
  EXPECT_EQ(movements(), 3);
  // A second scanner comes with the next reload; the first keeps its device.
  support::Pty second;
  write_config("[" + serial_scanner(scanner.slave(), "backroom", "receive") + "," +
               serial_scanner(second.slave(), "shop", "sell", "door") + "]");
  daemon_->kill_now(SIGHUP);
  ASSERT_TRUE(notify_->wait_for("STATUS=scanners 2/2 attached", 5000, &seen)) << seen << log();
  EXPECT_EQ(scan(second, "MUG-1").substr(0, 3), "OK ");
  EXPECT_EQ(scan(scanner, "MUG-1").substr(0, 3), "OK ");
  EXPECT_EQ(movements(), 5);
}

TEST_F(DaemonTest, TheDaemonMapsNoTlsLibrary) {
  ASSERT_NO_FATAL_FAILURE(offline_device());
  ASSERT_NO_FATAL_FAILURE(start_daemon());
  const std::string maps = support::read_file("/proc/" + std::to_string(daemon_->pid()) + "/maps");
  ASSERT_FALSE(maps.empty());
  EXPECT_TRUE(contains(maps, "shelfnoded")) << "shelfnode did not exec shelfnoded";
  for (const char* lib : {"libcurl", "libssl", "libcrypto.so", "libgnutls", "libnghttp2"}) {
    EXPECT_FALSE(contains(maps, lib)) << lib << " is mapped into the daemon";
  }
}

}  // namespace
}  // namespace shelfnode::daemon_test
