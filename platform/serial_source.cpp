#include "shelfnode/platform/serial_source.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace shelfnode::platform {
namespace {

struct Speed {
  int baud;
  speed_t speed;
};

constexpr Speed kSpeeds[] = {{1200, B1200},     {2400, B2400},     {4800, B4800},
                             {9600, B9600},     {19200, B19200},   {38400, B38400},
                             {57600, B57600},   {115200, B115200}, {230400, B230400},
                             {460800, B460800}, {921600, B921600}};

}  // namespace

std::optional<speed_t> serial_speed(int baud) {
  for (const Speed& s : kSpeeds) {
    if (s.baud == baud) return s.speed;
  }
  return std::nullopt;
}

std::string serial_speeds() {
  std::string out;
  for (const Speed& s : kSpeeds) {
    if (!out.empty()) out += ", ";
    out += std::to_string(s.baud);
  }
  return out;
}

Result<UniqueFd> SerialSource::open_device() {
  Result<UniqueFd> opened =
      open_path(O_RDWR | O_NOCTTY, "a udev rule or the dialout group gives access");
  if (!opened.ok() || !opened->valid()) return opened;
  UniqueFd fd = std::move(*opened);
  termios tio{};
  if (tcgetattr(fd.get(), &tio) != 0) {
    return config_error(path() + " is not a serial line: give the scanner's /dev/ttyACM*, " +
                        "/dev/ttyUSB* or /dev/serial/by-id path");
  }
  cfmakeraw(&tio);
  tio.c_cflag |= CLOCAL | CREAD;
  tio.c_cc[VMIN] = 1;
  tio.c_cc[VTIME] = 0;
  if (cfsetispeed(&tio, speed_) != 0 || cfsetospeed(&tio, speed_) != 0 ||
      tcsetattr(fd.get(), TCSANOW, &tio) != 0) {
    return io_error("cannot set " + path() + " to raw mode at " + std::to_string(baud_) +
                    " baud: " + std::strerror(errno));
  }
  tcflush(fd.get(), TCIFLUSH);
  return fd;
}

std::optional<std::string> SerialSource::read_device(int fd, std::vector<Scan>& out) {
  char chunk[4096];
  for (;;) {
    const ssize_t n = read(fd, chunk, sizeof chunk);
    const Instant now = std::chrono::steady_clock::now();
    if (n > 0) {
      framer_.feed(std::string_view(chunk, static_cast<std::size_t>(n)), now, out);
      if (static_cast<std::size_t>(n) < sizeof chunk) return std::nullopt;
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      framer_.quiet(now);  // what proves a gap
      return std::nullopt;
    }
    return n == 0 ? "hang-up" : std::strerror(errno);
  }
}

}  // namespace shelfnode::platform
