#include "shelfnode/platform/device_source.h"

#include <fcntl.h>

#include <cerrno>
#include <cstring>

namespace shelfnode::platform {
namespace {

// One log line for each refusal from index `from` on (scans themselves are logged by the
// session that commits them; keys never are).
void log_refusals(const std::string& scanner, const std::vector<Scan>& scans, std::size_t from) {
  for (std::size_t i = from; i < scans.size(); ++i) {
    if (scans[i].refused()) {
      log_warn("scanner.refused", {{"scanner", scanner}, {"reason", scans[i].refusal}});
    }
  }
}

}  // namespace

Result<UniqueFd> DeviceSource::open_path(int flags, const char* access_hint) const {
  UniqueFd fd(open(path_.c_str(), flags | O_NONBLOCK | O_CLOEXEC));
  if (fd.valid()) return fd;
  const int err = errno;
  // Not there, or a node whose device is gone: wait for it.
  if (err == ENOENT || err == ENODEV || err == ENXIO || err == ENOTDIR) return UniqueFd();
  const Code code = err == EACCES || err == EPERM ? Code::kPermission : Code::kIo;
  return Status(
      code, "cannot open scanner " + path_ + ": " + std::strerror(err) + " (" + access_hint + ")");
}

Status DeviceSource::start() {
  SHELFNODE_RETURN_IF_ERROR(watch_.start());
  return attach(true);
}

std::vector<int> DeviceSource::fds() const {
  if (device_.valid()) return {watch_.fd(), device_.get()};
  return {watch_.fd()};
}

Status DeviceSource::attach(bool at_start) {
  Result<UniqueFd> fd = open_device();
  if (!fd.ok()) {
    if (at_start) return fd.status();
    log_warn("scanner.unusable", {{"scanner", name_}, {"reason", fd.status().message()}});
    return Status::Ok();
  }
  if (!fd->valid()) {
    if (!said_waiting_) log_info("scanner.waiting", {{"scanner", name_}, {"path", path_}});
    said_waiting_ = true;
    return Status::Ok();
  }
  device_ = std::move(*fd);
  path_changed_ = false;
  said_waiting_ = false;
  log_info("scanner.attach", {{"scanner", name_}, {"path", path_}, setting()});
  return Status::Ok();
}

Status DeviceSource::read_waiting(std::vector<Scan>& out) {
  const std::optional<std::string> gone = read_device(device_.get(), out);
  if (!gone) return Status::Ok();
  unplugged(out);
  device_.reset();
  log_warn("scanner.detach", {{"scanner", name_}, {"path", path_}, {"reason", *gone}});
  // A path that changed while the device was open may name a device again already (a quick
  // replug, a re-pointed symlink); otherwise the watch says when it does.
  if (path_changed_) return attach(false);
  return Status::Ok();
}

Status DeviceSource::on_readable(int fd, std::vector<Scan>& out) {
  const std::size_t before = out.size();
  Status s;
  if (fd == watch_.fd()) {
    Result<bool> changed = watch_.on_readable();
    if (!changed.ok()) return changed.status();
    if (*changed && device_.valid()) path_changed_ = true;
    if (*changed && !device_.valid()) s = attach(false);
  } else if (device_.valid() && fd == device_.get()) {
    s = read_waiting(out);
  }
  log_refusals(name_, out, before);
  return s;
}

Status DeviceSource::on_deadline(Instant now, std::vector<Scan>& out) {
  const std::size_t before = out.size();
  // Everything that came before the deadline must be read first: it may continue the scan
  // (and for a serial line, a read that finds nothing is what proves the gap).
  Status s = device_.valid() ? read_waiting(out) : Status::Ok();
  expire(now, out);
  log_refusals(name_, out, before);
  return s;
}

}  // namespace shelfnode::platform
