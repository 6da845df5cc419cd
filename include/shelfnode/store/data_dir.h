#pragma once

#include <memory>
#include <string>

#include "shelfnode/core/result.h"

namespace shelfnode::store {

// Where a device keeps its state. One directory: the ledger database, config.json, the
// credentials file and the writer lock.
struct DataDirPaths {
  std::string dir;
  std::string database() const { return dir + "/shelfnode.db"; }
  std::string config() const { return dir + "/config.json"; }
  std::string api_key() const { return dir + "/wix-api-key"; }
  std::string lock() const { return dir + "/shelfnode.lock"; }
  // Present while the database is known to be damaged: it says why, and every command refuses
  // to use the database until `restore` replaces it.
  std::string damaged() const { return dir + "/shelfnode.damaged"; }
  // The last good copy of the database (`shelfnode backup`, and after sync rounds).
  std::string default_backup() const { return dir + "/shelfnode-backup.db"; }
};

// The single-writer lock (DESIGN invariant 7): an exclusive flock on `<dir>/shelfnode.lock`
// holding the owner's PID and command. The kernel drops it when the process dies, even by
// SIGKILL, so a crash never leaves the device locked out.
class WriterLock {
 public:
  // Fails with kConflict naming the PID that holds it, or kIo if the dir is not writable.
  static Result<std::unique_ptr<WriterLock>> acquire(const DataDirPaths& paths,
                                                     const std::string& command);
  ~WriterLock();
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;

 private:
  explicit WriterLock(int fd) : fd_(fd) {}
  int fd_;
};

// Creates the directory (mode 0700: it will hold credentials) if it does not exist.
Status ensure_data_dir(const DataDirPaths& paths);

}  // namespace shelfnode::store
