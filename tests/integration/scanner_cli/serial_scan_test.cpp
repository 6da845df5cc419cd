// `shelfnode scan --source serial:PATH` through the real binary, with a pseudo-terminal pair
// as the scanner's line: scans from the line are acknowledged on stdout once committed, a
// garbled frame is refused, and the session survives an unplug and replug (the path is a
// symlink re-pointed to a new pty, as udev re-points /dev/serial/by-id).
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <thread>

#include "integration/cli/cli_fixture.h"
#include "support/pty.h"

namespace shelfnode::cli_test {
namespace {

using namespace std::chrono_literals;
constexpr int kReplyTimeoutMs = 5000;

using support::Pty;

class SerialScanTest : public CliTest {
 protected:
  void SetUp() override { init_store(); }

  // Waits until the session's log shows `event` `times` times in all.
  bool logged(const std::string& event, int times) {
    const auto stop = std::chrono::steady_clock::now() + 5s;
    while (std::chrono::steady_clock::now() < stop) {
      const std::string log = support::read_file(file("scan.log"));
      int seen = 0;
      for (std::size_t at = log.find("event=" + event); at != std::string::npos;
           at = log.find("event=" + event, at + 1)) {
        ++seen;
      }
      if (seen >= times) return true;
      std::this_thread::sleep_for(10ms);
    }
    return false;
  }

  std::string reply(support::Child& child) {
    std::string line;
    EXPECT_TRUE(child.read_line(line, kReplyTimeoutMs)) << "no reply";
    return line;
  }
};

TEST_F(SerialScanTest, ScansFromAPtyAreAcknowledgedAndSurviveAReplug) {
  support::TempDir links;
  const std::string link = links.file("usb-Scanner-if00");
  auto first = std::make_unique<Pty>();
  support::point_symlink(link, first->slave());
  support::ChildSetup setup;
  setup.stderr_path = file("scan.log");
  support::Child child({support::shelfnode_bin(), "--data-dir", dir(), "scan", "--warehouse",
                        "shop", "--mode", "receive", "--source", "serial:" + link + ",baud=9600"},
                       setup);
  ASSERT_TRUE(logged("scanner.attach", 1)) << support::read_file(file("scan.log"));

  first->write_all(std::string(kAppleEan13) + "\r");
  std::string r = reply(child);
  EXPECT_TRUE(starts_with(r, "OK ") && is_movement_uuid(r.substr(3, 36))) << r;
  EXPECT_EQ(r.size() > 39 ? r.substr(39) : r, std::string(" ") + kApple + " 1");
  // A frame split across writes is one scan.
  first->write_all("0360002");
  std::this_thread::sleep_for(10ms);
  first->write_all("91452*3\r\n");
  EXPECT_EQ(reply(child).substr(39), std::string(" ") + kBread + " 3");
  first->write_all("12\xff\r");
  EXPECT_EQ(reply(child), "ERR garbled frame: bytes that are not text");

  first.reset();  // unplugged
  ASSERT_TRUE(logged("scanner.detach", 1)) << support::read_file(file("scan.log"));
  Pty second;
  support::point_symlink(link, second.slave());
  ASSERT_TRUE(logged("scanner.attach", 2)) << support::read_file(file("scan.log"));
  second.write_all(std::string(kColaEan8) + "\r");
  EXPECT_EQ(reply(child).substr(39), std::string(" ") + kCola + " 1");

  // A scanner session ends when it is stopped; everything acknowledged is committed.
  child.kill_now(SIGTERM);
  EXPECT_EQ(child.wait(kReplyTimeoutMs), 128 + SIGTERM);
  EXPECT_EQ(qty(kApple, "shop"), 1);
  EXPECT_EQ(qty(kBread, "shop"), 3);
  EXPECT_EQ(qty(kCola, "shop"), 1);
  const std::string log = support::read_file(file("scan.log"));
  EXPECT_TRUE(contains(log, "event=scanner.refused")) << log;
  EXPECT_TRUE(contains(log, "same baud rate (9600) and 8N1")) << "the owner's advice: " << log;
}

TEST_F(SerialScanTest, APathThatIsNoSerialLineIsAConfigurationError) {
  support::write_file(file("not-a-tty"), "");
  expect_refused(sn({"scan", "--warehouse", "shop", "--mode", "sell", "--source",
                     "serial:" + file("not-a-tty")}),
                 78, "is not a serial line");
}

TEST_F(SerialScanTest, AnUnsupportedBaudRateIsAUsageError) {
  expect_refused(sn({"scan", "--warehouse", "shop", "--mode", "sell", "--source",
                     "serial:/dev/ttyACM0,baud=14400"}),
                 64, "unsupported baud rate '14400'");
}

}  // namespace
}  // namespace shelfnode::cli_test
