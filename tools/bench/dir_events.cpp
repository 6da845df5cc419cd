#include "dir_events.h"

#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>

namespace shelfnode::bench {
namespace {

constexpr std::uint32_t kMask = IN_CREATE | IN_MOVED_TO | IN_ATTRIB | IN_DELETE | IN_MOVED_FROM |
                                IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;

}  // namespace

DirectoryEvents::~DirectoryEvents() {
  if (fd_ >= 0) close(fd_);
}

bool DirectoryEvents::watch(const std::string& dir) {
  fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd_ >= 0 && inotify_add_watch(fd_, dir.c_str(), kMask) >= 0) return true;
  if (fd_ >= 0) close(fd_);
  fd_ = -1;
  return false;
}

int DirectoryEvents::take() {
  if (fd_ < 0) return -1;
  alignas(inotify_event) char buffer[8192];
  int events = 0;
  for (;;) {
    const ssize_t n = read(fd_, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return events;
    for (std::size_t at = 0; at < static_cast<std::size_t>(n);) {
      const auto* e = reinterpret_cast<const inotify_event*>(buffer + at);
      ++events;
      at += sizeof(inotify_event) + e->len;
    }
  }
}

}  // namespace shelfnode::bench
