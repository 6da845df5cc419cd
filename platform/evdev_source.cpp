#include "shelfnode/platform/evdev_source.h"

#include <fcntl.h>
#include <linux/input.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>

#include "shelfnode/core/logger.h"
#include "source_log.h"

namespace shelfnode::platform {

Status EvdevSource::start() {
  SHELFNODE_RETURN_IF_ERROR(watch_.start());
  return attach(true);
}

std::vector<int> EvdevSource::fds() const {
  if (device_.valid()) return {watch_.fd(), device_.get()};
  return {watch_.fd()};
}

Status EvdevSource::attach(bool at_start) {
  auto unusable = [&](Status s) {
    if (at_start) return s;
    log_warn("scanner.unusable", {{"scanner", name_}, {"reason", s.message()}});
    return Status::Ok();
  };
  UniqueFd fd(open(path_.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
  if (!fd.valid()) {
    const int err = errno;
    if (device_absent(err)) {
      if (!said_waiting_) log_info("scanner.waiting", {{"scanner", name_}, {"path", path_}});
      said_waiting_ = true;
      return Status::Ok();
    }
    const Code code = err == EACCES || err == EPERM ? Code::kPermission : Code::kIo;
    return unusable(Status(code, "cannot open scanner " + path_ + ": " + std::strerror(err) +
                                     " (a udev rule gives the scanner's group read access)"));
  }
  int version = 0;
  if (ioctl(fd.get(), EVIOCGVERSION, &version) != 0) {
    return unusable(config_error(path_ + " is not an input event device: give the scanner's " +
                                 "/dev/input/by-id/...-event-kbd path"));
  }
  if (ioctl(fd.get(), EVIOCGRAB, 1) != 0) {
    return unusable(conflict("cannot grab scanner " + path_ + ": " + std::strerror(errno) +
                             " (another program holds it)"));
  }
  clockid_t clock = CLOCK_MONOTONIC;
  monotonic_ = ioctl(fd.get(), EVIOCSCLOCKID, &clock) == 0;
  device_ = std::move(fd);
  path_changed_ = false;
  said_waiting_ = false;
  log_info("scanner.attach",
           {{"scanner", name_}, {"path", path_}, {"layout", std::string(layout_.name())}});
  return Status::Ok();
}

Status EvdevSource::detach(const std::string& why, std::vector<Scan>& out) {
  decoder_.unplugged(out);
  device_.reset();
  log_warn("scanner.detach", {{"scanner", name_}, {"path", path_}, {"reason", why}});
  // A path that changed while the device was open may already name the device again (a quick
  // replug); otherwise the watch says when it does.
  if (path_changed_) return attach(false);
  return Status::Ok();
}

Status EvdevSource::read_events(std::vector<Scan>& out) {
  input_event events[64];
  for (;;) {
    const ssize_t n = read(device_.get(), events, sizeof events);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return Status::Ok();
    if (n <= 0) return detach(n == 0 ? "end of file" : std::strerror(errno), out);
    const Instant read_at = std::chrono::steady_clock::now();
    const std::size_t count = static_cast<std::size_t>(n) / sizeof(input_event);
    for (std::size_t i = 0; i < count; ++i) {
      decoder_.feed(events[i], monotonic_ ? KeyDecoder::event_time(events[i]) : read_at, out);
    }
    if (count < std::size(events)) return Status::Ok();  // drained
  }
}

Status EvdevSource::on_readable(int fd, std::vector<Scan>& out) {
  const std::size_t before = out.size();
  Status s;
  if (fd == watch_.fd()) {
    Result<bool> changed = watch_.on_readable();
    if (!changed.ok()) return changed.status();
    if (*changed && device_.valid()) path_changed_ = true;
    if (*changed && !device_.valid()) s = attach(false);
  } else if (device_.valid() && fd == device_.get()) {
    s = read_events(out);
  }
  log_refusals(name_, out, before);
  return s;
}

Status EvdevSource::on_deadline(Instant now, std::vector<Scan>& out) {
  const std::size_t before = out.size();
  // Every event from before the deadline must be fed first: it may continue the scan.
  Status s = device_.valid() ? read_events(out) : Status::Ok();
  decoder_.expire(now, out);
  log_refusals(name_, out, before);
  return s;
}

}  // namespace shelfnode::platform
