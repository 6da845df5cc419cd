#pragma once

#include <termios.h>

#include <optional>
#include <string>
#include <vector>

#include "shelfnode/platform/device_source.h"
#include "shelfnode/platform/serial_framer.h"

namespace shelfnode::platform {

// The termios speed for a baud rate shelfnode accepts (1200 to 921600), or none.
std::optional<speed_t> serial_speed(int baud);
// The accepted rates, for messages: "1200, 2400, ..., 921600".
std::string serial_speeds();

// A serial scanner: USB CDC-ACM (/dev/ttyACM*) or RS-232 (/dev/ttyS*, /dev/ttyUSB*). The line
// is put in raw mode (cfmakeraw: no echo, no line editing, no CR/LF translation, 8N1) at the
// configured speed, and what was waiting before that is flushed: bytes that came while the
// line was still cooked may have been changed or echoed back. A hang-up, end of file or read
// error (EIO, ENODEV: the scanner was unplugged) closes the line (DeviceSource waits for it
// to come back). Framing is SerialFramer's.
class SerialSource final : public DeviceSource {
 public:
  SerialSource(std::string name, std::string path, int baud, speed_t speed, ScanFraming framing)
      : DeviceSource(std::move(name), std::move(path)),
        baud_(baud),
        speed_(speed),
        framer_(framing, baud) {}

  std::optional<Instant> deadline() const override { return framer_.deadline(); }

 private:
  Result<UniqueFd> open_device() override;
  LogField setting() const override { return {"baud", std::to_string(baud_)}; }
  std::optional<std::string> read_device(int fd, std::vector<Scan>& out) override;
  void unplugged(std::vector<Scan>& out) override { framer_.unplugged(out); }
  void expire(Instant now, std::vector<Scan>& out) override { framer_.expire(now, out); }

  int baud_;
  speed_t speed_;
  SerialFramer framer_;
};

}  // namespace shelfnode::platform
