#include "shelfnode/core/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "shelfnode/core/write_fully.h"

namespace shelfnode {
namespace {

Status io_failure(const std::string& what, const std::string& path) {
  return io_error("cannot " + what + " " + path + ": " + std::strerror(errno));
}

}  // namespace

Status write_file_atomically(const std::string& path, std::string_view content, mode_t mode) {
  const std::string tmp = path + ".tmp";
  (void)unlink(tmp.c_str());
  const int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) return io_failure("create", tmp);
  // The umask may have narrowed `mode`; never widened, so a 0600 file stays 0600.
  const bool synced = write_fully(fd, content.data(), content.size()) && fsync(fd) == 0;
  const int saved = errno;
  close(fd);
  if (!synced) {
    (void)unlink(tmp.c_str());
    errno = saved;
    return io_failure("write", tmp);
  }
  if (rename(tmp.c_str(), path.c_str()) != 0) {
    const Status s = io_failure("replace", path);
    (void)unlink(tmp.c_str());
    return s;
  }
  const std::size_t slash = path.rfind('/');
  const std::string dir =
      slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
  const int dfd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd < 0) return io_failure("open", dir);
  const bool dir_synced = fsync(dfd) == 0;
  close(dfd);
  return dir_synced ? Status::Ok() : io_failure("sync", dir);
}

namespace {

std::string dir_of(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
}

Status sync_path(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return io_failure("open", path);
  const int rc = fsync(fd);
  const int saved = errno;
  close(fd);
  errno = saved;
  return rc == 0 ? Status::Ok() : io_failure("sync", path);
}

}  // namespace

Status sync_file_and_dir(const std::string& path) {
  Status s = sync_path(path);
  return s.ok() ? sync_path(dir_of(path)) : s;
}

Status rename_durably(const std::string& from, const std::string& to) {
  if (rename(from.c_str(), to.c_str()) != 0) return io_failure("rename " + from + " to", to);
  return sync_path(dir_of(to));
}

}  // namespace shelfnode
