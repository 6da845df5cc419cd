#include "shelfnode/platform/evdev_source.h"

#include <fcntl.h>
#include <linux/input.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>

namespace shelfnode::platform {

Result<UniqueFd> EvdevSource::open_device() {
  Result<UniqueFd> opened =
      open_path(O_RDONLY, "a udev rule gives the scanner's group read access");
  if (!opened.ok() || !opened->valid()) return opened;
  UniqueFd fd = std::move(*opened);
  int version = 0;
  if (ioctl(fd.get(), EVIOCGVERSION, &version) != 0) {
    return config_error(path() + " is not an input event device: give the scanner's " +
                        "/dev/input/by-id/...-event-kbd path");
  }
  if (ioctl(fd.get(), EVIOCGRAB, 1) != 0) {
    return conflict("cannot grab scanner " + path() + ": " + std::strerror(errno) +
                    " (another program holds it)");
  }
  clockid_t clock = CLOCK_MONOTONIC;
  monotonic_ = ioctl(fd.get(), EVIOCSCLOCKID, &clock) == 0;
  return fd;
}

std::optional<std::string> EvdevSource::read_device(int fd, std::vector<Scan>& out) {
  input_event events[64];
  for (;;) {
    const ssize_t n = read(fd, events, sizeof events);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return std::nullopt;
    if (n <= 0) return n == 0 ? "end of file" : std::strerror(errno);
    // Without CLOCK_MONOTONIC stamps (kernels before 3.4) the read time stands in.
    const Instant read_at = std::chrono::steady_clock::now();
    const std::size_t count = static_cast<std::size_t>(n) / sizeof(input_event);
    for (std::size_t i = 0; i < count; ++i) {
      decoder_.feed(events[i], monotonic_ ? KeyDecoder::event_time(events[i]) : read_at, out);
    }
    if (count < std::size(events)) return std::nullopt;  // drained
  }
}

}  // namespace shelfnode::platform
