#include "small_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "shelfnode/core/printable.h"
#include "shelfnode/platform/unique_fd.h"

namespace shelfnode::ota {
namespace {

Status io_failure(const std::string& what, const std::string& path) {
  return io_error(what + " " + printable(path) + ": " + std::strerror(errno));
}

}  // namespace

Result<SmallFile> read_small_file(const std::string& path, std::size_t max_bytes, Links links) {
  const int flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | (links == Links::kRefuse ? O_NOFOLLOW : 0);
  platform::UniqueFd fd(::open(path.c_str(), flags));
  SmallFile out;
  if (fd.get() < 0) {
    if (errno == ENOENT) return out;
    if (errno == ELOOP && links == Links::kRefuse) {
      out.kind = FileKind::kLink;
      return out;
    }
    return io_failure("cannot open", path);
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return io_failure("cannot stat", path);
  if (!S_ISREG(st.st_mode)) {
    out.kind = FileKind::kNotRegular;
    return out;
  }
  if (static_cast<std::uint64_t>(st.st_size) > max_bytes) {
    out.kind = FileKind::kTooLarge;
    return out;
  }
  // Read to EOF rather than trusting st_size, but never past the bound.
  out.bytes.resize(max_bytes + 1);
  std::size_t used = 0;
  while (used < out.bytes.size()) {
    const ssize_t n = ::read(fd.get(), &out.bytes[used], out.bytes.size() - used);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return io_failure("cannot read", path);
    if (n == 0) break;
    used += static_cast<std::size_t>(n);
  }
  if (used > max_bytes) {
    out.kind = FileKind::kTooLarge;
    out.bytes.clear();
    return out;
  }
  out.bytes.resize(used);
  out.kind = FileKind::kRegular;
  return out;
}

}  // namespace shelfnode::ota
