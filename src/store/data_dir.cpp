#include "shelfnode/store/data_dir.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace shelfnode::store {
namespace {

std::string read_holder(int fd) {
  char buf[256] = {};
  ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
  std::string text = n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string();
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

Status unwritable(const std::string& what, const std::string& path, int err) {
  return io_error("cannot " + what + " " + path + ": " + std::strerror(err) +
                  "; make the data dir writable by this user (or pass --data-dir)");
}

// mkdir -p for the directories above the data dir (0755: they hold nothing secret).
void make_parents(const std::string& dir) {
  for (std::size_t slash = dir.find('/', 1); slash != std::string::npos;
       slash = dir.find('/', slash + 1)) {
    (void)mkdir(dir.substr(0, slash).c_str(), 0755);
  }
}

}  // namespace

Status ensure_data_dir(const DataDirPaths& paths) {
  if (paths.dir.empty()) return usage_error("no data dir: pass --data-dir DIR");
  if (mkdir(paths.dir.c_str(), 0700) != 0) {
    int err = errno;
    if (err == ENOENT) {  // a parent is missing too (e.g. /srv/shelfnode/data on a new card)
      make_parents(paths.dir);
      err = mkdir(paths.dir.c_str(), 0700) == 0 ? 0 : errno;
    }
    if (err != 0 && err != EEXIST) return unwritable("create", paths.dir, err);
  }
  struct stat st {};
  if (stat(paths.dir.c_str(), &st) != 0) return unwritable("read", paths.dir, errno);
  if (!S_ISDIR(st.st_mode)) {
    return config_error(paths.dir + " exists but is not a directory: pass another --data-dir");
  }
  return Status::Ok();
}

Result<std::unique_ptr<WriterLock>> WriterLock::acquire(const DataDirPaths& paths,
                                                        const std::string& command) {
  const std::string path = paths.lock();
  int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return unwritable("open the lock file", path, errno);
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    std::string holder = read_holder(fd);
    close(fd);
    if (err == EWOULDBLOCK) {
      return conflict("data dir " + paths.dir + " is in use by another shelfnode (" +
                      (holder.empty() ? std::string("PID unknown") : "PID " + holder) +
                      "); stop it first, or use another --data-dir");
    }
    return unwritable("lock", path, err);
  }
  std::unique_ptr<WriterLock> lock(new WriterLock(fd));
  // Record the holder for the next process's error message. Best effort: the lock itself
  // is the flock, not this text, so a full disk here does not stop the writer.
  const std::string who = std::to_string(getpid()) + " " + command + "\n";
  if (ftruncate(fd, 0) == 0) (void)!pwrite(fd, who.data(), who.size(), 0);
  return lock;
}

WriterLock::~WriterLock() {
  flock(fd_, LOCK_UN);
  close(fd_);
}

}  // namespace shelfnode::store
