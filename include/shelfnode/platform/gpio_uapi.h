#pragma once

#include <linux/gpio.h>

#include <string>
#include <string_view>

#include "shelfnode/core/status.h"

// The GPIO character device's uAPI v2 as ChardevGpioLine speaks it: the payloads it hands the
// kernel and the messages it gives for each refusal. They live apart from the ioctls so that
// tests check them on any machine, kernel GPIO support or not.
namespace shelfnode::platform::gpio_uapi {

// The consumer name `gpioinfo` shows for a line shelfnode holds.
inline constexpr char kConsumer[] = "shelfnode";

// "line 17 of GPIO chip /dev/gpiochip0": how messages and log lines name a line.
std::string line_name(const std::string& chip, unsigned offset);

// One output line at `offset`, requested inactive (off) so that it is at rest from the first
// moment it is ours; `active_low` lets the kernel invert it for a beeper wired to sink current.
gpio_v2_line_request output_line_request(unsigned offset, bool active_low);

// Line 0 of the request (the only one) driven active or inactive.
gpio_v2_line_values line_values(bool on);

// open(chip) failed with `err`.
Status chip_open_error(const std::string& chip, int err);
// The path opened but is no GPIO chip (not a character device, or GPIO_GET_CHIPINFO_IOCTL
// refused with `err`).
Status not_a_chip_error(const std::string& chip, int err);
// `offset` is not below the chip's line count.
Status offset_error(const std::string& chip, const gpiochip_info& info, unsigned offset);
// GPIO_V2_GET_LINE_IOCTL failed with `err`; `holder` is the consumer the kernel names for a
// line in use (empty when it gives none).
Status line_request_error(const std::string& chip, unsigned offset, int err,
                          std::string_view holder);

}  // namespace shelfnode::platform::gpio_uapi
