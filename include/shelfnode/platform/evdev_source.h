#pragma once

#include <string>
#include <vector>

#include "shelfnode/platform/key_decoder.h"
#include "shelfnode/platform/path_watch.h"
#include "shelfnode/platform/scan_source.h"
#include "shelfnode/platform/unique_fd.h"

namespace shelfnode::platform {

// A keyboard-wedge scanner read from its evdev node (/dev/input/by-id/...-event-kbd). The
// device is grabbed (EVIOCGRAB) so its keys reach no other program, and asked to stamp its
// events with CLOCK_MONOTONIC, so the gap between keys is measured where they happened, not
// when they were read. Decoding is KeyDecoder's; this class does the I/O only.
//
// Unplugged (a read fails with ENODEV), it closes the device, refuses a scan cut in half and
// waits, through a PathWatch, for the path to come back; a path that is not there at start is
// waited for the same way.
class EvdevSource final : public ScanSource {
 public:
  EvdevSource(std::string name, std::string path, const KeyLayout& layout, ScanFraming framing)
      : name_(std::move(name)),
        path_(path),
        layout_(layout),
        decoder_(layout, framing),
        watch_(std::move(path)) {}

  Status start() override;
  std::vector<int> fds() const override;
  std::optional<Instant> deadline() const override { return decoder_.deadline(); }
  Status on_readable(int fd, std::vector<Scan>& out) override;
  Status on_deadline(Instant now, std::vector<Scan>& out) override;
  bool ended() const override { return false; }

  bool attached() const { return device_.valid(); }

 private:
  // Opens and grabs the device. A device that is not there is waited for; one that cannot be
  // used is an error at start and a log line later (udev may still be setting it up).
  Status attach(bool at_start);
  Status read_events(std::vector<Scan>& out);
  Status detach(const std::string& why, std::vector<Scan>& out);

  std::string name_;
  std::string path_;
  const KeyLayout& layout_;
  KeyDecoder decoder_;
  PathWatch watch_;
  UniqueFd device_;
  bool monotonic_ = false;           // the device stamps events with CLOCK_MONOTONIC
  bool path_changed_ = false;        // the path changed while the device was open
  bool said_waiting_ = false;
};

}  // namespace shelfnode::platform
