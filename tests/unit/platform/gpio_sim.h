#pragma once

// A GPIO chip of the kernel's gpio-sim, made through configfs for one test and removed after
// it: a real /dev/gpiochipN whose lines' levels the test reads back from sysfs. Many machines
// cannot have one (no GPIO support in the kernel, no configfs, no gpio-sim module, not root);
// then why_not says which, and the test skips.

#include <optional>
#include <string>

namespace shelfnode::platform {

class GpioSim {
 public:
  GpioSim(unsigned lines, std::string& why_not);
  ~GpioSim();
  GpioSim(const GpioSim&) = delete;
  GpioSim& operator=(const GpioSim&) = delete;

  // The chip's device node, /dev/gpiochipN.
  const std::string& chip() const { return chip_; }
  // The level the simulated pin is at (1 high, 0 low), as the chip's sysfs shows it.
  std::optional<int> value(unsigned offset) const;

 private:
  std::string dir_;    // the device's configfs directory, when made
  std::string sysfs_;  // /sys/devices/platform/gpio-sim.N/gpiochipM
  std::string chip_;
  bool live_ = false;
};

}  // namespace shelfnode::platform
