#pragma once

#include <string>
#include <vector>

#include "shelfnode/platform/device_source.h"
#include "shelfnode/platform/key_decoder.h"

namespace shelfnode::platform {

// A keyboard-wedge scanner read from its evdev node (/dev/input/by-id/...-event-kbd). The
// device is grabbed (EVIOCGRAB) so its keys reach no other program, and asked to stamp its
// events with CLOCK_MONOTONIC, so the gap between keys is measured where they happened, not
// when they were read. Decoding is KeyDecoder's; this class does the I/O only, and
// DeviceSource the waiting for the device.
class EvdevSource final : public DeviceSource {
 public:
  EvdevSource(std::string name, std::string path, const KeyLayout& layout, ScanFraming framing)
      : DeviceSource(std::move(name), std::move(path)),
        layout_(layout),
        decoder_(layout, framing) {}

  std::optional<Instant> deadline() const override { return decoder_.deadline(); }

 private:
  Result<UniqueFd> open_device() override;
  LogField setting() const override { return {"layout", std::string(layout_.name())}; }
  std::optional<std::string> read_device(int fd, std::vector<Scan>& out) override;
  void unplugged(std::vector<Scan>& out) override { decoder_.unplugged(out); }
  void expire(Instant now, std::vector<Scan>& out) override { decoder_.expire(now, out); }

  const KeyLayout& layout_;
  KeyDecoder decoder_;
  bool monotonic_ = false;  // the device stamps events with CLOCK_MONOTONIC
};

}  // namespace shelfnode::platform
