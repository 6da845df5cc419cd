// The evdev source's device handling. Without /dev/uinput (most sandboxes and CI machines
// have none) only the waiting and the refusals can be tested on real files; the decoding is
// tested on synthetic events in key_decoder_test.cpp whatever the machine allows.
#include "shelfnode/platform/evdev_source.h"

#include <dirent.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <linux/uinput.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "shelfnode/platform/source_reader.h"
#include "shelfnode/platform/unique_fd.h"
#include "support/process.h"

namespace shelfnode::platform {
namespace {

namespace support = shelfnode::testing;

EvdevSource make_source(const std::string& path) {
  return EvdevSource("test", path, *find_layout("us"), ScanFraming{});
}

TEST(EvdevSource, APathNotThereYetIsWaitedForWithNoDeadline) {
  support::TempDir dir;
  EvdevSource source = make_source(dir.path() + "/by-id/usb-scanner-event-kbd");
  ASSERT_TRUE(source.start().ok());
  EXPECT_FALSE(source.attached());
  EXPECT_EQ(source.fds().size(), 1u) << "only the inotify descriptor";
  EXPECT_FALSE(source.deadline());
  EXPECT_FALSE(source.ended());
}

TEST(EvdevSource, AFileThatIsNoInputDeviceIsRefusedAtStart) {
  support::TempDir dir;
  support::write_file(dir.file("not-a-device"), "");
  EvdevSource source = make_source(dir.file("not-a-device"));
  Status s = source.start();
  EXPECT_EQ(s.code(), Code::kConfig);
  EXPECT_NE(s.message().find("is not an input event device"), std::string::npos) << s.message();
}

TEST(EvdevSource, AFileAppearingLaterIsTriedAndStillWaitedOn) {
  support::TempDir dir;
  EvdevSource source = make_source(dir.file("scanner"));
  ASSERT_TRUE(source.start().ok());
  support::write_file(dir.file("scanner"), "");
  pollfd p{source.fds()[0], POLLIN, 0};
  ASSERT_EQ(poll(&p, 1, 1000), 1);
  std::vector<Scan> out;
  ASSERT_TRUE(source.on_readable(p.fd, out).ok()) << "logged, not an error, once running";
  EXPECT_FALSE(source.attached());
  EXPECT_TRUE(out.empty());
}

// A virtual keyboard made through /dev/uinput, where the machine has it.
class VirtualKeyboard {
 public:
  // Empty `why_not` when it was made.
  explicit VirtualKeyboard(std::string& why_not) {
    fd_.reset(open("/dev/uinput", O_WRONLY | O_NONBLOCK | O_CLOEXEC));
    if (!fd_.valid()) {
      why_not = std::string("/dev/uinput cannot be opened (") + std::strerror(errno) +
                "): this machine gives no uinput device";
      return;
    }
    ioctl(fd_.get(), UI_SET_EVBIT, EV_KEY);
    for (int k = 1; k < 128; ++k) ioctl(fd_.get(), UI_SET_KEYBIT, k);
    uinput_setup setup{};
    setup.id.bustype = BUS_USB;
    std::strcpy(setup.name, "shelfnode test scanner");
    if (ioctl(fd_.get(), UI_DEV_SETUP, &setup) != 0 || ioctl(fd_.get(), UI_DEV_CREATE) != 0) {
      why_not = std::string("uinput refused to make a device: ") + std::strerror(errno);
      fd_.reset();
      return;
    }
    char sysname[64] = {};
    if (ioctl(fd_.get(), UI_GET_SYSNAME(sizeof sysname), sysname) >= 0) {
      const std::string sys = std::string("/sys/devices/virtual/input/") + sysname;
      if (DIR* d = opendir(sys.c_str())) {
        while (dirent* e = readdir(d)) {
          if (std::strncmp(e->d_name, "event", 5) == 0)
            node_ = std::string("/dev/input/") + e->d_name;
        }
        closedir(d);
      }
    }
    if (node_.empty() || access(node_.c_str(), R_OK) != 0) {
      why_not = "the virtual keyboard has no readable /dev/input/event node here (no udev?)";
    }
  }
  ~VirtualKeyboard() {
    if (fd_.valid()) ioctl(fd_.get(), UI_DEV_DESTROY);
  }
  const std::string& node() const { return node_; }
  void key(unsigned code, int value) {
    input_event e{};
    e.type = EV_KEY;
    e.code = static_cast<__u16>(code);
    e.value = value;
    EXPECT_EQ(write(fd_.get(), &e, sizeof e), static_cast<ssize_t>(sizeof e));
    e.type = EV_SYN;
    e.code = SYN_REPORT;
    e.value = 0;
    EXPECT_EQ(write(fd_.get(), &e, sizeof e), static_cast<ssize_t>(sizeof e));
  }
  void tap(unsigned code) {
    key(code, 1);
    key(code, 0);
  }

 private:
  UniqueFd fd_;
  std::string node_;
};

TEST(EvdevSource, ReadsAScanTypedOnARealVirtualKeyboard) {
  std::string why_not;
  VirtualKeyboard keyboard(why_not);
  if (!why_not.empty()) GTEST_SKIP() << why_not << "; the decoding tests still ran";
  // udev may still be setting the node up.
  usleep(200 * 1000);
  EvdevSource source = make_source(keyboard.node());
  ASSERT_TRUE(source.start().ok());
  ASSERT_TRUE(source.attached());
  keyboard.key(KEY_LEFTSHIFT, 1);
  keyboard.tap(KEY_A);
  keyboard.key(KEY_LEFTSHIFT, 0);
  for (unsigned k : {KEY_1, KEY_2, KEY_3}) keyboard.tap(k);
  keyboard.tap(KEY_ENTER);
  SourceReader reader(source);
  std::vector<Scan> scans;
  ASSERT_TRUE(reader.next_batch(scans, 10).ok());
  ASSERT_EQ(scans.size(), 1u);
  EXPECT_EQ(scans[0].text, "A123");
}

}  // namespace
}  // namespace shelfnode::platform
