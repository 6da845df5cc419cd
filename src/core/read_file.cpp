#include "shelfnode/core/read_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "shelfnode/platform/unique_fd.h"

namespace shelfnode {

int read_whole_file(const std::string& path, std::string& text) {
  text.clear();
  platform::UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) return errno;
  struct stat st {};
  if (::fstat(fd.get(), &st) == 0 && st.st_size > 0) {
    text.reserve(static_cast<std::size_t>(st.st_size));
  }
  char buffer[16384];
  for (;;) {
    const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      text.clear();
      return err;
    }
    if (n == 0) return 0;
    text.append(buffer, static_cast<std::size_t>(n));
  }
}

}  // namespace shelfnode
