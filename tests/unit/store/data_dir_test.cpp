#include "shelfnode/store/data_dir.h"

#include <sys/wait.h>

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "shelfnode/store/data_dir_lock.h"
#include "support/process.h"

namespace shelfnode::store {
namespace {

TEST(DataDir, CreatedPrivate) {
  shelfnode::testing::TempDir tmp;
  DataDirPaths paths{tmp.file("dev")};
  ASSERT_TRUE(ensure_data_dir(paths).ok());
  struct stat st {};
  ASSERT_EQ(stat(paths.dir.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  EXPECT_TRUE(ensure_data_dir(paths).ok());  // idempotent
}

TEST(DataDir, AFileInTheWayIsAConfigError) {
  shelfnode::testing::TempDir tmp;
  shelfnode::testing::write_file(tmp.file("f"), "x");
  Status s = ensure_data_dir(DataDirPaths{tmp.file("f")});
  EXPECT_EQ(s.code(), Code::kConfig);
  EXPECT_NE(s.message().find("not a directory"), std::string::npos);
}

// Record locks belong to a process: the holder must be another one. It takes the lock, says
// so on a pipe, and keeps it until the pipe closes.
class LockHolder {
 public:
  LockHolder(const DataDirPaths& paths, DataDirLock::Access access, bool round, bool daemon) {
    int ready[2], hold[2];
    if (pipe(ready) != 0 || pipe(hold) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      close(ready[0]);
      close(hold[1]);
      auto lock = DataDirLock::acquire(paths, access);
      bool ok = lock.ok();
      if (ok && round) ok = (*lock)->acquire_round().ok();
      if (ok && daemon) ok = (*lock)->acquire_daemon().ok();
      const char c = ok ? 'y' : 'n';
      (void)!write(ready[1], &c, 1);
      char wait_for_close;
      (void)!read(hold[0], &wait_for_close, 1);
      _exit(0);
    }
    close(ready[1]);
    close(hold[0]);
    char c = 0;
    held_ = read(ready[0], &c, 1) == 1 && c == 'y';
    close(ready[0]);
    release_ = hold[1];
  }
  ~LockHolder() { release(); }
  void release() {
    if (release_ < 0) return;
    close(release_);
    release_ = -1;
    int status = 0;
    waitpid(pid_, &status, 0);
  }
  bool held() const { return held_; }
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int release_ = -1;
  bool held_ = false;
};

using Access = DataDirLock::Access;

TEST(DataDirLock, WritersShareTheDataDirAndInitOrRestoreWaitsForAllOfThem) {
  shelfnode::testing::TempDir tmp;
  DataDirPaths paths{tmp.path()};
  LockHolder scan(paths, Access::kShared, false, false);
  ASSERT_TRUE(scan.held());
  auto beside = DataDirLock::acquire(paths, Access::kShared);
  EXPECT_TRUE(beside.ok()) << "a second writer works beside the first";
  beside->reset();
  auto alone = DataDirLock::acquire(paths, Access::kExclusive);
  ASSERT_FALSE(alone.ok());
  EXPECT_EQ(alone.status().code(), Code::kConflict);
  EXPECT_NE(alone.status().message().find("in use by another shelfnode (PID " +
                                          std::to_string(scan.pid())),
            std::string::npos)
      << alone.status().message();
  scan.release();
  EXPECT_TRUE(DataDirLock::acquire(paths, Access::kExclusive).ok())
      << "free once its holder is gone";
}

TEST(DataDirLock, AnExclusiveHolderKeepsWritersOut) {
  shelfnode::testing::TempDir tmp;
  DataDirPaths paths{tmp.path()};
  LockHolder restore(paths, Access::kExclusive, false, false);
  ASSERT_TRUE(restore.held());
  auto writer = DataDirLock::acquire(paths, Access::kShared);
  ASSERT_FALSE(writer.ok());
  EXPECT_NE(writer.status().message().find("wait for it to finish"), std::string::npos);
}

TEST(DataDirLock, OneWixRoundAndOneDaemonAtATime) {
  shelfnode::testing::TempDir tmp;
  DataDirPaths paths{tmp.path()};
  LockHolder other(paths, Access::kShared, true, true);
  ASSERT_TRUE(other.held());
  EXPECT_EQ(DataDirLock::holder(paths, DataDirLock::kDaemonByte), other.pid());
  auto mine = DataDirLock::acquire(paths, Access::kShared);
  ASSERT_TRUE(mine.ok());
  Status round = (*mine)->acquire_round();
  EXPECT_EQ(round.code(), Code::kConflict);
  EXPECT_NE(round.message().find("a Wix round is already running"), std::string::npos);
  Status daemon = (*mine)->acquire_daemon();
  EXPECT_EQ(daemon.code(), Code::kConflict);
  EXPECT_NE(daemon.message().find("a shelfnode daemon already runs on data dir " + paths.dir +
                                  " (PID " + std::to_string(other.pid())),
            std::string::npos)
      << daemon.message();
  other.release();
  EXPECT_TRUE((*mine)->acquire_round().ok());
  EXPECT_TRUE((*mine)->acquire_daemon().ok());
}

TEST(DataDirLock, MissingDirIsAnIoError) {
  shelfnode::testing::TempDir tmp;
  auto lock = DataDirLock::acquire(DataDirPaths{tmp.file("nope")}, Access::kShared);
  ASSERT_FALSE(lock.ok());
  EXPECT_EQ(lock.status().code(), Code::kIo);
  EXPECT_NE(lock.status().message().find("writable"), std::string::npos);
}

TEST(DataDirLock, AHolderIsNamedByItsCommandWords) {
  // This test binary's own command line has no command words: the PID alone.
  EXPECT_EQ(describe_holder(getpid()), "PID " + std::to_string(getpid()));
  EXPECT_EQ(describe_holder(999999999), "PID 999999999");
}

}  // namespace
}  // namespace shelfnode::store
