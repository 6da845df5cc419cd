// The GPIO character device line: its uAPI v2 payloads and messages on any machine, its errors
// on real paths, and the ioctls themselves on a chip of the kernel's gpio-sim where the
// machine has one (see gpio_sim.h).
#include "shelfnode/platform/gpio_line.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <string>

#include "gpio_sim.h"
#include "shelfnode/platform/gpio_uapi.h"

namespace shelfnode::platform {
namespace {

using gpio_uapi::line_request_error;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(GpioUapi, TheRequestIsOneOutputLineThatStartsOff) {
  const gpio_v2_line_request r = gpio_uapi::output_line_request(17, false);
  EXPECT_EQ(r.num_lines, 1u);
  EXPECT_EQ(r.offsets[0], 17u);
  EXPECT_STREQ(r.consumer, "shelfnode");
  EXPECT_EQ(r.config.flags, static_cast<__u64>(GPIO_V2_LINE_FLAG_OUTPUT));
  ASSERT_EQ(r.config.num_attrs, 1u);
  EXPECT_EQ(r.config.attrs[0].attr.id, static_cast<__u32>(GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES));
  EXPECT_EQ(r.config.attrs[0].attr.values, 0u);
  EXPECT_EQ(r.config.attrs[0].mask, 1u);
  EXPECT_EQ(r.event_buffer_size, 0u);
  for (__u32 p : r.padding) EXPECT_EQ(p, 0u);  // the kernel refuses a request otherwise
  for (__u32 p : r.config.padding) EXPECT_EQ(p, 0u);

  const gpio_v2_line_request low = gpio_uapi::output_line_request(0, true);
  EXPECT_EQ(low.config.flags,
            static_cast<__u64>(GPIO_V2_LINE_FLAG_OUTPUT | GPIO_V2_LINE_FLAG_ACTIVE_LOW));
}

TEST(GpioUapi, ValuesSetTheOneLine) {
  EXPECT_EQ(gpio_uapi::line_values(true).bits, 1u);
  EXPECT_EQ(gpio_uapi::line_values(true).mask, 1u);
  EXPECT_EQ(gpio_uapi::line_values(false).bits, 0u);
  EXPECT_EQ(gpio_uapi::line_values(false).mask, 1u);
}

TEST(GpioUapi, EachRefusalSaysWhatToDo) {
  Status s = gpio_uapi::chip_open_error("/dev/gpiochip7", ENOENT);
  EXPECT_EQ(s.code(), Code::kConfig);
  EXPECT_TRUE(contains(s.message(), "GPIO chip /dev/gpiochip7 does not exist")) << s.message();
  EXPECT_TRUE(contains(s.message(), "gpiodetect")) << s.message();

  s = gpio_uapi::chip_open_error("/dev/gpiochip0", EACCES);
  EXPECT_EQ(s.code(), Code::kPermission);
  EXPECT_TRUE(contains(s.message(), "may not open GPIO chip /dev/gpiochip0")) << s.message();
  EXPECT_TRUE(contains(s.message(), "`ls -l /dev/gpiochip0`")) << s.message();

  gpiochip_info info{};
  info.lines = 32;
  std::snprintf(info.label, sizeof info.label, "pinctrl-bcm2835");
  s = gpio_uapi::offset_error("/dev/gpiochip0", info, 40);
  EXPECT_EQ(s.code(), Code::kConfig);
  EXPECT_EQ(s.message(),
            "line=40 is beyond GPIO chip /dev/gpiochip0 ('pinctrl-bcm2835'), which has 32 lines "
            "(0 to 31): choose one of them (`gpioinfo /dev/gpiochip0` lists them)");
  info.lines = 0;
  EXPECT_TRUE(contains(gpio_uapi::offset_error("/dev/gpiochip0", info, 0).message(), "no lines"));

  s = line_request_error("/dev/gpiochip0", 17, EBUSY, "gpio-keys");
  EXPECT_EQ(s.code(), Code::kConflict);
  EXPECT_EQ(s.message(),
            "line 17 of GPIO chip /dev/gpiochip0 is already in use by 'gpio-keys': stop what "
            "holds it, or choose another line (`gpioinfo /dev/gpiochip0` shows who uses each "
            "line)");
  EXPECT_TRUE(contains(line_request_error("/dev/gpiochip0", 17, EBUSY, "").message(),
                       "in use by another driver or program"));
  EXPECT_EQ(line_request_error("/dev/gpiochip0", 17, EPERM, "").code(), Code::kPermission);
  EXPECT_TRUE(contains(line_request_error("/dev/gpiochip0", 17, ENOTTY, "").message(),
                       "Linux 5.10 or later"));
  EXPECT_EQ(line_request_error("/dev/gpiochip0", 17, EIO, "").code(), Code::kIo);
}

TEST(ChardevGpioLine, AMissingChipIsAConfigurationError) {
  ChardevGpioLine line("/nonexistent-shelfnode/gpiochip0", 3, false);
  const Status s = line.open();
  EXPECT_EQ(s.code(), Code::kConfig);
  EXPECT_TRUE(contains(s.message(), "/nonexistent-shelfnode/gpiochip0 does not exist"));
  EXPECT_FALSE(line.is_open());
  EXPECT_EQ(line.set(true).code(), Code::kInternal);  // never opened
}

TEST(ChardevGpioLine, SomethingElseIsNoChip) {
  ChardevGpioLine null_device("/dev/null", 0, false);
  Status s = null_device.open();
  EXPECT_EQ(s.code(), Code::kConfig);
  EXPECT_TRUE(contains(s.message(), "/dev/null is not a GPIO chip")) << s.message();

  char path[] = "/tmp/shelfnode-gpio-XXXXXX";
  UniqueFd file(mkstemp(path));
  ASSERT_TRUE(file.valid());
  ChardevGpioLine regular(path, 0, false);
  s = regular.open();
  unlink(path);
  EXPECT_EQ(s.code(), Code::kConfig);
  EXPECT_TRUE(contains(s.message(), "not a character device")) << s.message();
}

TEST(ChardevGpioLine, PermissionDeniedSaysWhoMustGrantIt) {
  // A file only its owner may open; opened by someone else (as root: a child that became
  // nobody), open() is refused before anything tells it the path is no chip.
  char path[] = "/tmp/shelfnode-gpio-XXXXXX";
  UniqueFd file(mkstemp(path));
  ASSERT_TRUE(file.valid());
  ASSERT_EQ(fchmod(file.get(), geteuid() == 0 ? 0600 : 0000), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    if (geteuid() == 0 && setuid(65534) != 0) _exit(3);
    ChardevGpioLine line(path, 0, false);
    const Status s = line.open();
    const bool said = s.code() == Code::kPermission &&
                      contains(s.message(), std::string("may not open GPIO chip ") + path);
    _exit(said ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  unlink(path);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

TEST(ChardevGpioLine, DrivesALineOfASimulatedChip) {
  std::string why_not;
  GpioSim sim(8, why_not);
  if (!why_not.empty()) GTEST_SKIP() << why_not << "; the fake-line pattern tests still ran";
  {
    ChardevGpioLine line(sim.chip(), 3, false);
    ASSERT_TRUE(line.open().ok());
    EXPECT_EQ(sim.value(3), 0);  // taken at rest
    ASSERT_TRUE(line.set(true).ok());
    EXPECT_EQ(sim.value(3), 1);
    ASSERT_TRUE(line.set(false).ok());
    EXPECT_EQ(sim.value(3), 0);
    ASSERT_TRUE(line.set(true).ok());
  }
  // Let go while on: off again (driven off first; once released the sim shows its pull-down).
  EXPECT_EQ(sim.value(3), 0);

  ChardevGpioLine low(sim.chip(), 4, true);
  ASSERT_TRUE(low.open().ok());
  EXPECT_EQ(sim.value(4), 1);  // active low: off is high
  ASSERT_TRUE(low.set(true).ok());
  EXPECT_EQ(sim.value(4), 0);
}

TEST(ChardevGpioLine, ASimulatedChipRefusesATakenLineAndOneItLacks) {
  std::string why_not;
  GpioSim sim(8, why_not);
  if (!why_not.empty()) GTEST_SKIP() << why_not << "; the fake-line pattern tests still ran";
  ChardevGpioLine first(sim.chip(), 5, false);
  ASSERT_TRUE(first.open().ok());
  ChardevGpioLine second(sim.chip(), 5, false);
  Status s = second.open();
  EXPECT_EQ(s.code(), Code::kConflict);
  EXPECT_TRUE(contains(s.message(), "already in use by 'shelfnode'")) << s.message();

  ChardevGpioLine beyond(sim.chip(), 8, false);
  s = beyond.open();
  EXPECT_EQ(s.code(), Code::kConfig);
  EXPECT_TRUE(contains(s.message(), "which has 8 lines (0 to 7)")) << s.message();
}

}  // namespace
}  // namespace shelfnode::platform
