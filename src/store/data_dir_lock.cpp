#include "shelfnode/store/data_dir_lock.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "shelfnode/core/read_file.h"

namespace shelfnode::store {
namespace {

struct flock range(int byte, short type) {
  struct flock l {};
  l.l_type = type;
  l.l_whence = SEEK_SET;
  l.l_start = byte;
  l.l_len = 1;
  return l;
}

// Tries the lock once (never waits: a clerk is told at once, not left hanging). 0 on success,
// else the errno; `holder` is a conflicting PID when the kernel names one.
int try_lock(int fd, int byte, bool exclusive, int& holder) {
  struct flock l = range(byte, exclusive ? F_WRLCK : F_RDLCK);
  if (fcntl(fd, F_SETLK, &l) == 0) return 0;
  const int err = errno;
  holder = 0;
  struct flock probe = range(byte, exclusive ? F_WRLCK : F_RDLCK);
  if (fcntl(fd, F_GETLK, &probe) == 0 && probe.l_type != F_UNLCK) holder = probe.l_pid;
  return err;
}

Status unwritable(const std::string& what, const std::string& path, int err) {
  return io_error("cannot " + what + " " + path + ": " + std::strerror(err) +
                  "; make the data dir writable by this user (or pass --data-dir)");
}

bool busy(int err) {
  return err == EACCES || err == EAGAIN;
}

std::string holder_text(int pid) {
  return pid > 0 ? describe_holder(pid) : std::string("PID unknown");
}

}  // namespace

std::string describe_holder(int pid) {
  std::string raw;  // empty when the holder is gone or hidden: then only its PID is shown
  (void)read_whole_file("/proc/" + std::to_string(pid) + "/cmdline", raw);
  std::vector<std::string> args;
  for (std::size_t at = 0; at < raw.size();) {
    const std::size_t end = raw.find('\0', at);
    args.push_back(raw.substr(at, end == std::string::npos ? std::string::npos : end - at));
    if (end == std::string::npos) break;
    at = end + 1;
  }
  std::string words;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--data-dir") {
      ++i;  // and its value
      continue;
    }
    if (a.rfind("-", 0) == 0) {
      if (words.empty()) continue;  // a global option before the command
      break;                        // the command's own options
    }
    // Command words are plain lowercase words; anything else (a code, a path) ends them.
    if (a.empty() || a.size() > 16 || a.find_first_not_of("abcdefghijklmnopqrstuvwxyz") !=
                                          std::string::npos) {
      break;
    }
    words += (words.empty() ? "" : " ") + a;
  }
  return "PID " + std::to_string(pid) + (words.empty() ? "" : " " + words);
}

Result<std::unique_ptr<DataDirLock>> DataDirLock::acquire(const DataDirPaths& paths,
                                                          Access access) {
  const std::string path = paths.lock();
  const int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return unwritable("open the lock file", path, errno);
  std::unique_ptr<DataDirLock> lock(new DataDirLock(fd, paths.dir));
  const bool exclusive = access == Access::kExclusive;
  int holder = 0;
  const int err = try_lock(fd, kDataDirByte, exclusive, holder);
  if (err == 0) return lock;
  if (!busy(err)) return unwritable("lock", path, err);
  return conflict("data dir " + paths.dir + " is in use by another shelfnode (" +
                  holder_text(holder) + "); " +
                  (exclusive ? "this needs it alone: stop that first (`systemctl stop shelfnode` "
                               "for the daemon), or use another --data-dir"
                             : "wait for it to finish, or use another --data-dir"));
}

DataDirLock::~DataDirLock() {
  close(fd_);  // drops every record lock of this process on the file
}

Status DataDirLock::lock_byte(int byte, const std::string& taken, const std::string& advice) {
  int holder = 0;
  const int err = try_lock(fd_, byte, true, holder);
  if (err == 0) return Status::Ok();
  if (!busy(err)) return unwritable("lock", dir_ + "/shelfnode.lock", err);
  return conflict(taken + " on data dir " + dir_ + " (" + holder_text(holder) + "); " + advice);
}

Status DataDirLock::acquire_round() {
  return lock_byte(kRoundByte, "a Wix round is already running",
                   "wait for it (its result is in `shelfnode status`) and run this again");
}

Status DataDirLock::acquire_daemon() {
  return lock_byte(kDaemonByte, "a shelfnode daemon already runs",
                   "stop it first (`systemctl stop shelfnode`)");
}

int DataDirLock::holder(const DataDirPaths& paths, int byte, bool exclusive) {
  const int fd = open(paths.lock().c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  struct flock probe = range(byte, exclusive ? F_WRLCK : F_RDLCK);
  const int pid = fcntl(fd, F_GETLK, &probe) == 0 && probe.l_type != F_UNLCK ? probe.l_pid : 0;
  // Closing drops this process's own locks on the file: only ever called by a process that
  // holds none (a reader such as `status`).
  close(fd);
  return pid;
}

}  // namespace shelfnode::store
