#include "shelfnode/core/write_fully.h"

#include <unistd.h>

#include <cerrno>

namespace shelfnode {

bool write_fully(int fd, const void* data, std::size_t size) {
  const char* at = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = ::write(fd, at, size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    if (n == 0) {  // not an error to write(2), but no progress either: never spin on it
      errno = EIO;
      return false;
    }
    at += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace shelfnode
