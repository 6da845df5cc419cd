#pragma once

#include <string>

#include "shelfnode/core/status.h"
#include "shelfnode/platform/unique_fd.h"

namespace shelfnode::platform {

// One output line (a beeper, an LED) as the feedback patterns drive it. The seam between
// pattern timing and the kernel: tests put a fake line with a synthetic clock behind it.
class GpioLine {
 public:
  virtual ~GpioLine() = default;

  // Takes the line, at rest (off). Fails for what the configuration must mend.
  [[nodiscard]] virtual Status open() = 0;
  // Drives the line active (on) or inactive (off).
  [[nodiscard]] virtual Status set(bool on) = 0;
};

// A line of a chip of the kernel's GPIO character device (/dev/gpiochipN), through the uAPI v2
// ioctls of <linux/gpio.h>: no library. The line is off while it rests and is driven off again
// before it is let go, so a beeper never keeps sounding after shelfnode stops.
class ChardevGpioLine final : public GpioLine {
 public:
  ChardevGpioLine(std::string chip, unsigned offset, bool active_low);
  ~ChardevGpioLine() override;
  ChardevGpioLine(const ChardevGpioLine&) = delete;
  ChardevGpioLine& operator=(const ChardevGpioLine&) = delete;

  // Opens the chip, checks the offset against its line count, requests the line as an output
  // and closes the chip again (the line request is a descriptor of its own). A missing chip or
  // an offset it does not have is a configuration error, permission denied a permission error,
  // a line someone else holds a conflict naming the holder.
  Status open() override;
  Status set(bool on) override;

  bool is_open() const { return line_.valid(); }

 private:
  std::string chip_;
  unsigned offset_;
  bool active_low_;
  UniqueFd line_;
};

}  // namespace shelfnode::platform
