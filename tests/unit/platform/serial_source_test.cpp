// The serial source over real pseudo-terminal pairs: termios is real there, and closing the
// master side is what an unplugged USB CDC-ACM scanner looks like to the reader (EIO). The
// scanner's path is a symlink to the pty's slave, re-pointed (by rename) to a new pty for a
// replug, as udev re-points /dev/serial/by-id.
#include "shelfnode/platform/serial_source.h"

#include <gtest/gtest.h>
#include <poll.h>
#include <unistd.h>

#include <thread>

#include "shelfnode/platform/source_reader.h"
#include "support/process.h"
#include "support/pty.h"

namespace shelfnode::platform {
namespace {

using namespace std::chrono_literals;
namespace support = shelfnode::testing;

using support::Pty;

// Gaps long enough that a loaded machine (a sanitizer build, other work) never makes the
// pauses between the tests' own writes look like one.
SerialSource make_source(const std::string& path, Suffix suffix = Suffix::kEnter,
                         std::chrono::milliseconds gap = 500ms) {
  ScanFraming f;
  f.suffix = suffix;
  f.gap = gap;
  return SerialSource("test", path, 9600, B9600, f);
}

// Serves the source until `done` or for at most two seconds; returns what it delivered.
template <typename Done>
std::vector<Scan> serve_until(ScanSource& source, Done done) {
  std::vector<Scan> out;
  const auto stop = std::chrono::steady_clock::now() + 2s;
  while (!done(out) && std::chrono::steady_clock::now() < stop) {
    std::vector<pollfd> fds;
    for (int fd : source.fds()) fds.push_back(pollfd{fd, POLLIN, 0});
    poll(fds.data(), fds.size(), 20);
    for (const pollfd& p : fds) {
      if (p.revents != 0) {
        EXPECT_TRUE(source.on_readable(p.fd, out).ok());
      }
    }
    const Instant now = std::chrono::steady_clock::now();
    if (source.deadline() && *source.deadline() <= now) {
      EXPECT_TRUE(source.on_deadline(now, out).ok());
    }
  }
  return out;
}

std::vector<std::string> texts(const std::vector<Scan>& scans) {
  std::vector<std::string> out;
  for (const Scan& s : scans) out.push_back(s.refused() ? "REFUSED: " + s.refusal : s.text);
  return out;
}

std::vector<std::string> next_batch(SourceReader& reader) {
  std::vector<Scan> scans;
  EXPECT_TRUE(reader.next_batch(scans, 100).ok());
  return texts(scans);
}

TEST(SerialSource, FramesSplitAcrossWritesAndEveryLineEnding) {
  Pty pty;
  SerialSource source = make_source(pty.slave());
  ASSERT_TRUE(source.start().ok());
  ASSERT_TRUE(source.attached());
  SourceReader reader(source);
  pty.write_all("400638");
  std::this_thread::sleep_for(10ms);
  pty.write_all("1333931\r\n50123");
  EXPECT_EQ(next_batch(reader), std::vector<std::string>{"4006381333931"});
  pty.write_all("45678900\ra\nb\r\n");
  std::this_thread::sleep_for(10ms);
  EXPECT_EQ(next_batch(reader), (std::vector<std::string>{"5012345678900", "a", "b"}));
}

TEST(SerialSource, RawModeKeepsEveryByteAsSent) {
  // A cooked line would turn CR into LF, eat ^C or ^D, and echo back to the scanner.
  Pty pty;
  SerialSource source = make_source(pty.slave(), Suffix::kTab);
  ASSERT_TRUE(source.start().ok());
  SourceReader reader(source);
  pty.write_all(
      "]C1\x1D"
      "01\x03\x04\r\x7f\t");
  EXPECT_EQ(next_batch(reader), std::vector<std::string>{"]C1\x1D"
                                                         "01\x03\x04\r\x7f"});
}

TEST(SerialSource, AGapEndsAFrameWhenThereIsNoSuffix) {
  Pty pty;
  SerialSource source = make_source(pty.slave(), Suffix::kNone, 300ms);
  ASSERT_TRUE(source.start().ok());
  EXPECT_FALSE(source.deadline()) << "idle: no timer";
  SourceReader reader(source);
  pty.write_all("111");
  std::this_thread::sleep_for(10ms);
  pty.write_all("222");
  EXPECT_EQ(next_batch(reader), std::vector<std::string>{"111222"});
  EXPECT_FALSE(source.deadline());
  pty.write_all("333");
  EXPECT_EQ(next_batch(reader), std::vector<std::string>{"333"});
}

TEST(SerialSource, WithASuffixAGapRefusesTheCutFrame) {
  Pty pty;
  SerialSource source = make_source(pty.slave(), Suffix::kEnter, 50ms);
  ASSERT_TRUE(source.start().ok());
  SourceReader reader(source);
  pty.write_all("123");
  EXPECT_EQ(next_batch(reader),
            std::vector<std::string>{"REFUSED: frame cut off: no enter came within 50 ms of the "
                                     "last byte; check the scanner's suffix (scanner.suffix) and "
                                     "scan again"});
  pty.write_all("456\r");
  EXPECT_EQ(next_batch(reader), std::vector<std::string>{"456"});
}

TEST(SerialSource, AnOverlongFrameAndAGarbledOne) {
  Pty pty;
  SerialSource source = make_source(pty.slave());
  ASSERT_TRUE(source.start().ok());
  SourceReader reader(source);
  // Written in pieces, as a runaway scanner would (a pty takes a few KiB at a time).
  std::vector<std::string> got;
  for (int i = 0; i < 10; ++i) {
    pty.write_all(std::string(1000, 'x'));
    std::this_thread::sleep_for(2ms);
  }
  pty.write_all("\r\xc3\x28\r");
  while (got.size() < 2) {
    for (const std::string& s : next_batch(reader)) got.push_back(s);
  }
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0], std::string(4097, 'x'));  // the session refuses it as too long
  EXPECT_EQ(got[1].rfind("REFUSED: garbled frame: bytes that are not text", 0), 0u) << got[1];
}

TEST(SerialSource, ReplugClosingTheLineAndRepointingThePath) {
  support::TempDir dir;
  const std::string link = dir.file("usb-scanner-if00");
  auto first = std::make_unique<Pty>();
  support::point_symlink(link, first->slave());
  SerialSource source = make_source(link);
  ASSERT_TRUE(source.start().ok());
  ASSERT_TRUE(source.attached());
  first->write_all("12");
  std::vector<Scan> out = serve_until(source, [&](auto&) { return source.deadline().has_value(); });
  ASSERT_TRUE(out.empty());
  // Unplugged mid-scan: the half frame is refused, the line closed.
  first->close_master();
  out = serve_until(source, [&](auto&) { return !source.attached(); });
  EXPECT_FALSE(source.attached());
  EXPECT_EQ(texts(out), std::vector<std::string>{"REFUSED: scanner unplugged mid-scan"});
  EXPECT_EQ(source.fds().size(), 1u) << "only the inotify descriptor while unplugged";
  EXPECT_FALSE(source.deadline());
  first.reset();
  // Plugged in again: a new line behind the same path.
  Pty second;
  support::point_symlink(link, second.slave());
  out = serve_until(source, [&](auto&) { return source.attached(); });
  ASSERT_TRUE(source.attached());
  second.write_all("999\r");
  out = serve_until(source, [](auto& o) { return !o.empty(); });
  EXPECT_EQ(texts(out), std::vector<std::string>{"999"});
}

TEST(SerialSource, APathThatIsNoSerialLineIsRefusedAtStart) {
  support::TempDir dir;
  support::write_file(dir.file("ttyACM0"), "");
  SerialSource source = make_source(dir.file("ttyACM0"));
  Status s = source.start();
  EXPECT_EQ(s.code(), Code::kConfig);
  EXPECT_NE(s.message().find("is not a serial line"), std::string::npos) << s.message();
}

TEST(SerialSource, SpeedsOutsideTheTableAreNone) {
  EXPECT_TRUE(serial_speed(9600));
  EXPECT_TRUE(serial_speed(115200));
  EXPECT_FALSE(serial_speed(9601));
  EXPECT_FALSE(serial_speed(0));
  EXPECT_EQ(serial_speeds(),
            "1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600");
}

}  // namespace
}  // namespace shelfnode::platform
