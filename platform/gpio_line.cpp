#include "shelfnode/platform/gpio_line.h"

#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "shelfnode/core/printable.h"
#include "shelfnode/platform/gpio_uapi.h"

namespace shelfnode::platform {
namespace gpio_uapi {

std::string line_name(const std::string& chip, unsigned offset) {
  return "line " + std::to_string(offset) + " of GPIO chip " + chip;
}

namespace {

// The kernel's fixed-size name fields are NUL-terminated unless they are full.
std::string name_field(const char (&field)[GPIO_MAX_NAME_SIZE]) {
  return printable(std::string_view(field, strnlen(field, sizeof field)));
}

}  // namespace

gpio_v2_line_request output_line_request(unsigned offset, bool active_low) {
  gpio_v2_line_request request{};  // the kernel refuses non-zero padding
  request.offsets[0] = offset;
  request.num_lines = 1;
  static_assert(sizeof kConsumer <= sizeof request.consumer, "the consumer name fits");
  std::memcpy(request.consumer, kConsumer, sizeof kConsumer);
  request.config.flags = GPIO_V2_LINE_FLAG_OUTPUT | (active_low ? GPIO_V2_LINE_FLAG_ACTIVE_LOW : 0);
  // Stated, not left to the default: the line must come up off, never with a click.
  request.config.num_attrs = 1;
  request.config.attrs[0].attr.id = GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES;
  request.config.attrs[0].attr.values = 0;
  request.config.attrs[0].mask = 1;
  return request;
}

gpio_v2_line_values line_values(bool on) {
  gpio_v2_line_values values{};
  values.bits = on ? 1 : 0;
  values.mask = 1;
  return values;
}

Status chip_open_error(const std::string& chip, int err) {
  const std::string what = "GPIO chip " + chip;
  if (err == ENOENT || err == ENOTDIR) {
    return config_error(what +
                        " does not exist: check feedback gpio:PATH (the chips are "
                        "/dev/gpiochip*; `gpiodetect` lists them with their labels)");
  }
  if (err == ENODEV || err == ENXIO) {
    return config_error(what +
                        " has no device behind it: check that the board's GPIO driver "
                        "is loaded, or the path");
  }
  if (err == EACCES || err == EPERM) {
    return Status(Code::kPermission,
                  "may not open " + what + ": give the user shelfnode runs as access to it " +
                      "(`ls -l " + chip + "` shows the group, often gpio; or a udev rule)");
  }
  return io_error("cannot open " + what + ": " + std::strerror(err));
}

Status not_a_chip_error(const std::string& chip, int err) {
  const std::string why = err == 0 ? "not a character device" : std::strerror(err);
  return config_error(chip + " is not a GPIO chip (" + why +
                      "): feedback gpio: takes a /dev/gpiochipN path");
}

Status offset_error(const std::string& chip, const gpiochip_info& info, unsigned offset) {
  const std::string chip_named = "GPIO chip " + chip + " ('" + name_field(info.label) + "')";
  if (info.lines == 0) {
    return config_error(chip_named + " has no lines, so line=" + std::to_string(offset) +
                        " cannot be used: choose another chip");
  }
  return config_error("line=" + std::to_string(offset) + " is beyond " + chip_named +
                      ", which has " + std::to_string(info.lines) + " lines (0 to " +
                      std::to_string(info.lines - 1) + "): choose one of them (`gpioinfo " + chip +
                      "` lists them)");
}

Status line_request_error(const std::string& chip, unsigned offset, int err,
                          std::string_view holder) {
  const std::string line = line_name(chip, offset);
  if (err == EBUSY) {
    const std::string by =
        holder.empty() ? "another driver or program" : "'" + printable(holder) + "'";
    return conflict(line + " is already in use by " + by +
                    ": stop what holds it, or choose another line (`gpioinfo " + chip +
                    "` shows who uses each line)");
  }
  if (err == EACCES || err == EPERM) {
    return Status(Code::kPermission, "may not request " + line +
                                         ": give the user shelfnode runs as access to the chip");
  }
  if (err == ENOTTY) {
    return config_error("the kernel does not take GPIO uAPI v2 line requests on " + chip +
                        ": Linux 5.10 or later is needed");
  }
  return io_error("cannot request " + line + " as an output: " + std::strerror(err));
}

}  // namespace gpio_uapi

namespace {

template <typename Arg>
int ioctl_retrying(int fd, unsigned long request, Arg* arg) {
  int rc;
  do {
    rc = ioctl(fd, request, arg);
  } while (rc < 0 && errno == EINTR);
  return rc;
}

}  // namespace

ChardevGpioLine::ChardevGpioLine(std::string chip, unsigned offset, bool active_low)
    : chip_(std::move(chip)), offset_(offset), active_low_(active_low) {}

ChardevGpioLine::~ChardevGpioLine() {
  // Released lines keep whatever level the driver leaves them at; off is the only safe one.
  if (line_.valid()) static_cast<void>(set(false));
}

Status ChardevGpioLine::open() {
  UniqueFd chip(::open(chip_.c_str(), O_RDWR | O_CLOEXEC));
  if (!chip.valid()) return gpio_uapi::chip_open_error(chip_, errno);
  struct stat st {};
  if (fstat(chip.get(), &st) != 0 || !S_ISCHR(st.st_mode)) {
    return gpio_uapi::not_a_chip_error(chip_, 0);
  }
  gpiochip_info info{};
  if (ioctl_retrying(chip.get(), GPIO_GET_CHIPINFO_IOCTL, &info) != 0) {
    return gpio_uapi::not_a_chip_error(chip_, errno);
  }
  if (offset_ >= info.lines) return gpio_uapi::offset_error(chip_, info, offset_);

  gpio_v2_line_request request = gpio_uapi::output_line_request(offset_, active_low_);
  if (ioctl_retrying(chip.get(), GPIO_V2_GET_LINE_IOCTL, &request) != 0) {
    const int err = errno;
    std::string holder;
    if (err == EBUSY) {
      gpio_v2_line_info line{};
      line.offset = offset_;
      if (ioctl_retrying(chip.get(), GPIO_V2_GET_LINEINFO_IOCTL, &line) == 0) {
        holder.assign(line.consumer, strnlen(line.consumer, sizeof line.consumer));
      }
    }
    return gpio_uapi::line_request_error(chip_, offset_, err, holder);
  }
  line_.reset(request.fd);
  return Status::Ok();
}

// No non-blocking form exists: on a chip behind I2C or SPI the kernel waits for the bus, a
// fraction of a millisecond per change, a few times per pattern.
Status ChardevGpioLine::set(bool on) {
  if (!line_.valid()) {
    return internal_error(gpio_uapi::line_name(chip_, offset_) + " is used before it was opened");
  }
  gpio_v2_line_values values = gpio_uapi::line_values(on);
  if (ioctl_retrying(line_.get(), GPIO_V2_LINE_SET_VALUES_IOCTL, &values) != 0) {
    const int err = errno;
    return io_error("cannot turn " + gpio_uapi::line_name(chip_, offset_) +
                    (on ? " on: " : " off: ") + std::strerror(err));
  }
  return Status::Ok();
}

}  // namespace shelfnode::platform
