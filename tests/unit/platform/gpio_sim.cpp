#include "gpio_sim.h"

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <thread>

namespace shelfnode::platform {
namespace {

constexpr const char* kConfigRoot = "/sys/kernel/config/gpio-sim";

bool exists(const std::string& path) {
  return access(path.c_str(), F_OK) == 0;
}

bool write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
  out.flush();
  return static_cast<bool>(out);
}

std::string read_word(const std::string& path) {
  std::ifstream in(path);
  std::string word;
  in >> word;
  return word;
}

// Why there is no gpio-sim here, in the words of what is missing.
std::string why_no_sim() {
  if (!exists("/sys/bus/gpio")) {
    return "this kernel has no GPIO support (/sys/bus/gpio is absent: built without "
           "CONFIG_GPIOLIB), so it has no GPIO character device to test against";
  }
  if (!exists("/sys/kernel/config")) {
    return "configfs is not mounted at /sys/kernel/config (gpio-sim chips are made there; "
           "the kernel needs CONFIG_CONFIGFS_FS)";
  }
  if (geteuid() != 0) return "making a gpio-sim chip needs root";
  return "gpio-sim is not available: no " + std::string(kConfigRoot) +
         " after `modprobe gpio-sim` (the kernel needs CONFIG_GPIO_SIM)";
}

}  // namespace

GpioSim::GpioSim(unsigned lines, std::string& why_not) {
  if (!exists(kConfigRoot) && geteuid() == 0 && exists("/sys/bus/gpio")) {
    // A module on distribution kernels; loading it is what one would do by hand. Whether it
    // worked shows in kConfigRoot, and why_no_sim() says what is missing when it did not.
    const int loaded = std::system("modprobe gpio-sim >/dev/null 2>&1");
    static_cast<void>(loaded);
  }
  if (!exists(kConfigRoot) || geteuid() != 0) {
    why_not = why_no_sim();
    return;
  }
  static int made = 0;
  const std::string dir = std::string(kConfigRoot) + "/shelfnode-" + std::to_string(getpid()) +
                          "-" + std::to_string(++made);
  if (mkdir(dir.c_str(), 0755) != 0) {
    why_not = "cannot make " + dir;
    return;
  }
  dir_ = dir;
  if (mkdir((dir + "/bank0").c_str(), 0755) != 0 ||
      !write_file(dir + "/bank0/num_lines", std::to_string(lines)) ||
      !write_file(dir + "/live", "1")) {
    why_not = "cannot bring a gpio-sim chip up under " + dir;
    return;
  }
  live_ = true;
  const std::string device = read_word(dir + "/dev_name");
  const std::string chip = read_word(dir + "/bank0/chip_name");
  if (device.empty() || chip.empty()) {
    why_not = "gpio-sim made a chip but does not name it under " + dir;
    return;
  }
  sysfs_ = "/sys/devices/platform/" + device + "/" + chip;
  chip_ = "/dev/" + chip;
  // devtmpfs makes the node at once; udev may still be setting its owner.
  for (int i = 0; i < 100 && !exists(chip_); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (!exists(chip_)) why_not = "gpio-sim chip " + chip + " has no " + chip_;
}

GpioSim::~GpioSim() {
  if (dir_.empty()) return;
  if (live_) write_file(dir_ + "/live", "0");
  rmdir((dir_ + "/bank0").c_str());
  rmdir(dir_.c_str());
}

std::optional<int> GpioSim::value(unsigned offset) const {
  const std::string word = read_word(sysfs_ + "/sim_gpio" + std::to_string(offset) + "/value");
  if (word == "0" || word == "1") return word == "1" ? 1 : 0;
  return std::nullopt;
}

}  // namespace shelfnode::platform
