#include "shelfnode/platform/sd_notify.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <string>

#include "support/process.h"

namespace shelfnode::platform {
namespace {

// A datagram socket standing in for systemd's.
class FakeSystemd {
 public:
  explicit FakeSystemd(const std::string& path) : path_(path) {
    fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::memcpy(addr.sun_path, path.data(), path.size());
    bound_ = bind(fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~FakeSystemd() { close(fd_); }
  bool bound() const { return bound_; }
  std::string receive() {
    char buf[4096];
    const ssize_t n = recv(fd_, buf, sizeof buf, MSG_DONTWAIT);
    return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string();
  }

 private:
  std::string path_;
  int fd_ = -1;
  bool bound_ = false;
};

TEST(Notifier, SendsTheProtocolsAssignmentsAsOneDatagramEach) {
  shelfnode::testing::TempDir dir;
  FakeSystemd systemd(dir.file("notify"));
  ASSERT_TRUE(systemd.bound());
  const Notifier n(dir.file("notify"), std::chrono::microseconds(2'000'000));
  ASSERT_TRUE(n.enabled());
  ASSERT_TRUE(n.ready("2 scanners\nattached").ok());
  EXPECT_EQ(systemd.receive(), "READY=1\nSTATUS=2 scanners attached");
  ASSERT_TRUE(n.watchdog().ok());
  EXPECT_EQ(systemd.receive(), "WATCHDOG=1");
  ASSERT_TRUE(n.status("queue: 3 SKUs").ok());
  EXPECT_EQ(systemd.receive(), "STATUS=queue: 3 SKUs");
  ASSERT_TRUE(n.stopping().ok());
  EXPECT_EQ(systemd.receive(), "STOPPING=1");
  EXPECT_EQ(n.watchdog_interval(), std::chrono::microseconds(2'000'000));
}

TEST(Notifier, WithoutNotifySocketEveryCallSucceedsAndSendsNothing) {
  const Notifier n("", std::nullopt);
  EXPECT_FALSE(n.enabled());
  EXPECT_TRUE(n.ready("x").ok());
  EXPECT_TRUE(n.watchdog().ok());
}

TEST(Notifier, AGoneSocketIsAnErrorNotACrash) {
  shelfnode::testing::TempDir dir;
  const Notifier n(dir.file("nobody-listens"), std::nullopt);
  Status s = n.watchdog();
  EXPECT_EQ(s.code(), Code::kIo);
  EXPECT_NE(s.message().find("telling systemd 'WATCHDOG=1' failed"), std::string::npos);
  EXPECT_EQ(Notifier("relative/path", std::nullopt).watchdog().code(), Code::kConfig);
}

// A notify socket nobody drains fills up (net.unix.max_dgram_qlen, 10 by default): the
// daemon's loop must go on answering scans, so a send that does not fit fails at once.
TEST(Notifier, AFullQueueFailsAtOnceInsteadOfWaiting) {
  shelfnode::testing::TempDir dir;
  FakeSystemd systemd(dir.file("notify"));
  ASSERT_TRUE(systemd.bound());
  const Notifier n(dir.file("notify"), std::nullopt);
  int failed = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 1000 && failed == 0; ++i)
    failed += n.status("queue " + std::to_string(i)).ok() ? 0 : 1;
  EXPECT_EQ(failed, 1) << "the queue never filled";
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  EXPECT_EQ(systemd.receive(), "STATUS=queue 0") << "what fitted arrives in order";
}

TEST(Notifier, ReadsTheEnvironmentAndIgnoresAWatchdogMeantForAnotherProcess) {
  setenv("NOTIFY_SOCKET", "/run/systemd/notify", 1);
  setenv("WATCHDOG_USEC", "30000000", 1);
  setenv("WATCHDOG_PID", std::to_string(getpid()).c_str(), 1);
  Notifier mine = Notifier::from_environment();
  EXPECT_TRUE(mine.enabled());
  EXPECT_EQ(mine.watchdog_interval(), std::chrono::microseconds(30'000'000));
  setenv("WATCHDOG_PID", "1", 1);
  EXPECT_FALSE(Notifier::from_environment().watchdog_interval().has_value());
  unsetenv("NOTIFY_SOCKET");
  unsetenv("WATCHDOG_USEC");
  unsetenv("WATCHDOG_PID");
  EXPECT_FALSE(Notifier::from_environment().enabled());
}

}  // namespace
}  // namespace shelfnode::platform
