#pragma once

#include <memory>
#include <string>

#include "shelfnode/core/result.h"
#include "shelfnode/store/data_dir.h"

namespace shelfnode::store {

// Who may work on a data dir at once: POSIX record locks on bytes of `<dir>/shelfnode.lock`.
// The kernel drops them when the process dies, even by SIGKILL, so a crash never leaves the
// device locked out; and the kernel names a holder (F_GETLK), so a refusal says which PID to
// wait for.
//
//   byte 0  the data dir: every writer holds it shared, so a scan session at the till, a
//           `sync` from cron and a `receive` typed in the back room work side by side (SQLite's
//           own write lock orders their transactions, each BEGIN IMMEDIATE and short). `init`
//           and `restore` hold it exclusive: they may rebuild or replace the database.
//   byte 1  a Wix round (`sync`, `catalog pull`, `connect`): one at a time.
//   byte 2  the daemon: one per data dir.
// Record locks belong to the process, not the descriptor: only this class opens the file, and
// it keeps it open for the process's life once locked (closing any descriptor of it would drop
// every lock the process holds on it).
class DataDirLock {
 public:
  enum class Access { kShared, kExclusive };

  // Byte 0. Fails with kConflict (exit 75) naming a holder: "data dir D is in use by another
  // shelfnode (PID 123 scan); ...", or kIo if the dir is not writable.
  static Result<std::unique_ptr<DataDirLock>> acquire(const DataDirPaths& paths, Access access);
  ~DataDirLock();
  DataDirLock(const DataDirLock&) = delete;
  DataDirLock& operator=(const DataDirLock&) = delete;

  // Byte 1, exclusive, held until this goes away: "a Wix round is already running (PID 123
  // sync) ..." (kConflict) when another process holds it.
  Status acquire_round();
  // Byte 2, exclusive: a second daemon is refused naming the first.
  Status acquire_daemon();

  // The PID holding `byte` in a way that conflicts with `exclusive` access, 0 when none
  // (for `status`: whether a daemon runs, and which).
  static int holder(const DataDirPaths& paths, int byte, bool exclusive = true);

  static constexpr int kDataDirByte = 0;
  static constexpr int kRoundByte = 1;
  static constexpr int kDaemonByte = 2;

 private:
  DataDirLock(int fd, std::string dir) : fd_(fd), dir_(std::move(dir)) {}
  // `byte` exclusive; a refusal reads "<taken> on data dir D (PID n cmd); <advice>".
  Status lock_byte(int byte, const std::string& taken, const std::string& advice);
  int fd_;
  std::string dir_;
};

// "PID 123 scan" for a holder of a lock: the command words from /proc/PID/cmdline when it is
// readable (a shelfnode's global options skipped), else the PID alone.
std::string describe_holder(int pid);

}  // namespace shelfnode::store
