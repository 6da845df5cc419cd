#include "shelfnode/platform/path_watch.h"

#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace shelfnode::platform {
namespace {

constexpr std::uint32_t kMask = IN_CREATE | IN_MOVED_TO | IN_ATTRIB | IN_DELETE | IN_MOVED_FROM |
                                IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;

// "/dev/input/by-id/x" -> {"/dev/input/by-id", "x"}; "x" -> {".", "x"}.
std::pair<std::string, std::string> split(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return {".", path};
  return {slash == 0 ? "/" : path.substr(0, slash), path.substr(slash + 1)};
}

}  // namespace

Status PathWatch::start() {
  fd_.reset(inotify_init1(IN_NONBLOCK | IN_CLOEXEC));
  if (!fd_.valid()) {
    return io_error(std::string("cannot watch for the scanner (inotify): ") + std::strerror(errno));
  }
  return arm();
}

Status PathWatch::arm() {
  std::string target = path_;
  for (;;) {
    auto [dir, name] = split(target);
    const int wd = inotify_add_watch(fd_.get(), dir.c_str(), kMask);
    if (wd >= 0) {
      if (wd_ >= 0 && wd_ != wd) inotify_rm_watch(fd_.get(), wd_);
      wd_ = wd;
      at_parent_ = target == path_;
      dir_ = std::move(dir);
      next_ = std::move(name);
      return Status::Ok();
    }
    const int err = errno;
    if ((err != ENOENT && err != ENOTDIR) || dir == "/" || dir == ".") {
      return io_error("cannot watch " + dir + " for the scanner: " + std::strerror(err));
    }
    target = dir;
  }
}

Result<bool> PathWatch::on_readable() {
  alignas(inotify_event) char buffer[4096];
  bool concerns_path = false;
  bool rearm = false;
  for (;;) {
    const ssize_t n = read(fd_.get(), buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
    if (n < 0)
      return io_error(std::string("reading inotify events failed: ") + std::strerror(errno));
    if (n == 0) break;
    for (const char* p = buffer; p < buffer + n;) {
      const auto* event = reinterpret_cast<const inotify_event*>(p);
      p += sizeof(inotify_event) + event->len;
      if ((event->mask & IN_Q_OVERFLOW) != 0) {
        // Events were lost: anything may have happened.
        concerns_path = rearm = true;
      } else if (event->wd != wd_) {
        continue;  // a watch given up (IN_IGNORED after a move down or up)
      } else if ((event->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED)) != 0) {
        rearm = true;
      } else if (event->len > 0 && next_ == event->name) {
        concerns_path = true;
        if (!at_parent_) rearm = true;
      }
    }
  }
  if (rearm) {
    SHELFNODE_RETURN_IF_ERROR(arm());
    concerns_path = true;  // the path may be there already in the directory now watched
  }
  return concerns_path;
}

}  // namespace shelfnode::platform
