#pragma once

#include <optional>
#include <string>
#include <vector>

#include "shelfnode/core/logger.h"
#include "shelfnode/platform/path_watch.h"
#include "shelfnode/platform/scan_source.h"
#include "shelfnode/platform/unique_fd.h"

namespace shelfnode::platform {

// What the evdev and serial sources share: a device at a path that comes and goes. A path
// that is not there is waited for through a PathWatch (no polling loop); a device that fails
// a read is closed, its partial scan refused, and waited for again. A device that is there
// but cannot be used (no permission, not that kind of device, held by another program) is an
// error at start, and a log line later (udev may still be setting it up; the next change of
// the path brings another try).
class DeviceSource : public ScanSource {
 public:
  Status start() final;
  std::vector<int> fds() const final;
  Status on_readable(int fd, std::vector<Scan>& out) final;
  Status on_deadline(Instant now, std::vector<Scan>& out) final;
  bool ended() const final { return false; }

  bool attached() const { return device_.valid(); }

 protected:
  DeviceSource(std::string name, std::string path)
      : name_(std::move(name)), path_(path), watch_(std::move(path)) {}

  const std::string& path() const { return path_; }
  // open(path(), flags): an invalid descriptor when the device is not there (yet), an error
  // naming `access_hint` (how to get access) when it may not be opened.
  Result<UniqueFd> open_path(int flags, const char* access_hint) const;

  // Opens (open_path) and sets up the device at path(). An invalid descriptor when it is not
  // there; an error when it cannot be used.
  virtual Result<UniqueFd> open_device() = 0;
  // What the attach log line adds: {"layout", "de"}, {"baud", "9600"}.
  virtual LogField setting() const = 0;
  // Reads what is waiting on `fd`, without blocking. A reason when the device is gone.
  virtual std::optional<std::string> read_device(int fd, std::vector<Scan>& out) = 0;
  // The device went away: refuse a partial scan, forget the state of keys.
  virtual void unplugged(std::vector<Scan>& out) = 0;
  // The decoder's or framer's gap check, once everything waiting was read.
  virtual void expire(Instant now, std::vector<Scan>& out) = 0;

 private:
  Status attach(bool at_start);
  Status read_waiting(std::vector<Scan>& out);

  std::string name_;
  std::string path_;
  PathWatch watch_;
  UniqueFd device_;
  bool path_changed_ = false;  // the path changed while the device was open
  bool said_waiting_ = false;
};

}  // namespace shelfnode::platform
