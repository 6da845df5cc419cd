// A data dir that cannot be written (STYLE "SQLite — every error path is a test").
//
// The tests run as root, and root ignores permission bits: `chmod 0555` alone would not stop
// a root writer. So the refusal is staged three ways that do bind root or a real device user:
//  - a read-only bind mount of the data dir (EROFS for everyone, root included; mounted in a
//    private mount namespace, unmounted in teardown);
//  - the child dropped to user nobody (65534) between fork and exec, on a root-owned data dir
//    with mode 0555 and files 0444 (EACCES, as for a device user without rights);
//  - as nobody, with the directory and the lock writable but shelfnode.db itself 0444: the
//    session starts and must refuse each scan with ERR instead of acknowledging it.
// Each time: no OK, exit 74, a message saying the data dir / database cannot be written, and
// afterwards everything stored before is still there, intact, and writable again.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>

#include "fault/durability/fault_env.h"
#include "fault/durability/fault_process.h"
#include "support/process.h"

namespace shelfnode::fault {
namespace {

const std::vector<std::string> kScanArgs{"scan", "--warehouse", "shop", "--mode", "receive"};

bool says_not_writable(const std::string& text) {
  return contains(text, "writable") || contains(text, "cannot be written");
}

class ReadOnlyDataDir : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = tmp_.file("data");
    ASSERT_EQ(make_shop(dir_, tmp_.path()), "");
    const testing::RunResult r = testing::shelfnode(dir_, kScanArgs, "SKU-01\nSKU-02*4\nSKU-03\n");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    ASSERT_EQ(collect_acks(r.out, acked_), 3);
    receive_ = shelfnode_argv(dir_, {"receive", "SKU-09", "2", "--warehouse", "shop"});
  }

  // Nothing stored before is lost, the file is intact, and it takes writes again.
  void expect_ledger_kept_and_writable() {
    EXPECT_EQ(movement_count(dir_), 3);
    std::vector<std::string> v = ledger_violations(dir_, acked_);
    EXPECT_TRUE(v.empty()) << v.front();
    const testing::RunResult r = testing::shelfnode(dir_, kScanArgs, "SKU-04\n");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(collect_acks(r.out, acked_), 1) << r.out;
    v = ledger_violations(dir_, acked_);
    EXPECT_TRUE(v.empty()) << v.front();
  }

  // The temp dir, and a copy of the binary in it: the build tree may sit under a directory
  // only root can enter (a clone in `mktemp -d`), where nobody could not even start it.
  void make_tree_reachable_by_nobody() {
    ASSERT_EQ(chmod(tmp_.path().c_str(), 0711), 0);
    std::error_code ec;
    std::filesystem::copy_file(testing::shelfnode_bin(), tmp_.file("shelfnode"), ec);
    ASSERT_FALSE(ec) << ec.message();
    ASSERT_EQ(chmod(tmp_.file("shelfnode").c_str(), 0755), 0);
  }

  // Runs the copy of the binary to completion as user nobody (dropped to between fork and
  // exec).
  testing::RunResult run_as_nobody(std::vector<std::string> argv, const std::string& input) {
    argv.at(0) = tmp_.file("shelfnode");
    testing::ChildSetup as_nobody;
    as_nobody.user = kNobody;
    return testing::run(argv, input, {}, as_nobody);
  }

  testing::TempDir tmp_;
  std::string dir_;
  AckedMovements acked_;
  std::vector<std::string> receive_;
};

TEST_F(ReadOnlyDataDir, ReadOnlyMountRefusesScanAndReceive) {
  if (geteuid() != 0) GTEST_SKIP() << "a bind mount needs root; the nobody cases cover EACCES";
  enter_private_mount_namespace();
  const std::string view = tmp_.file("ro-view");
  ASSERT_EQ(mkdir(view.c_str(), 0755), 0);
  std::string why;
  {
    std::unique_ptr<Mount> ro = Mount::read_only_bind(dir_, view, why);
    if (!ro) GTEST_SKIP() << "cannot make a read-only bind mount here: " << why;

    // Reading needs no write: stock and status work on the read-only mount.
    for (const char* command : {"stock", "status"}) {
      const testing::RunResult read = testing::shelfnode(view, {command});
      EXPECT_EQ(read.exit_code, 0) << command << ": " << read.out << read.err;
      EXPECT_TRUE(contains(read.out, "SKU-0") || contains(read.out, "movements"))
          << command << ": " << read.out;
    }

    const testing::RunResult scan = testing::shelfnode(view, kScanArgs, "SKU-05\nSKU-06\n");
    EXPECT_EQ(scan.exit_code, 74) << scan.out << scan.err;
    EXPECT_FALSE(contains(scan.out, "OK ")) << scan.out;
    EXPECT_TRUE(says_not_writable(scan.out + scan.err)) << scan.out << scan.err;

    const testing::RunResult receive =
        testing::shelfnode(view, {"receive", "SKU-09", "2", "--warehouse", "shop"});
    EXPECT_EQ(receive.exit_code, 74) << receive.out << receive.err;
    EXPECT_FALSE(contains(receive.out, "OK ")) << receive.out;
    EXPECT_TRUE(says_not_writable(receive.out + receive.err)) << receive.out << receive.err;
  }  // unmounted here, before the checks write through the real path
  expect_ledger_kept_and_writable();
}

TEST_F(ReadOnlyDataDir, UnprivilegedUserIsRefusedOnARootOwnedReadOnlyDir) {
  if (geteuid() != 0) GTEST_SKIP() << "switching to user nobody needs root";
  make_tree_reachable_by_nobody();
  const char* files[] = {"shelfnode.db", "shelfnode.lock", "shelfnode.db-wal", "shelfnode.db-shm"};
  for (const char* f : files) chmod((dir_ + "/" + f).c_str(), 0444);  // -wal/-shm may not exist
  ASSERT_EQ(chmod(dir_.c_str(), 0555), 0);

  const testing::RunResult scan = run_as_nobody(scan_argv(dir_), "SKU-05\nSKU-06\n");
  EXPECT_EQ(scan.exit_code, 74) << scan.out << scan.err;
  EXPECT_FALSE(contains(scan.out, "OK ")) << scan.out;
  EXPECT_TRUE(says_not_writable(scan.out + scan.err)) << scan.out << scan.err;

  const testing::RunResult receive = run_as_nobody(receive_, "");
  EXPECT_EQ(receive.exit_code, 74) << receive.out << receive.err;
  EXPECT_FALSE(contains(receive.out, "OK ")) << receive.out;
  EXPECT_TRUE(says_not_writable(receive.out + receive.err)) << receive.out << receive.err;

  ASSERT_EQ(chmod(dir_.c_str(), 0700), 0);
  for (const char* f : files) chmod((dir_ + "/" + f).c_str(), 0644);
  expect_ledger_kept_and_writable();
}

TEST_F(ReadOnlyDataDir, ReadOnlyDatabaseFileGetsErrPerScanNeverOk) {
  if (geteuid() != 0) GTEST_SKIP() << "switching to user nobody needs root";
  make_tree_reachable_by_nobody();
  ASSERT_EQ(chmod(dir_.c_str(), 0777), 0);
  ASSERT_EQ(chmod((dir_ + "/shelfnode.lock").c_str(), 0666), 0);
  ASSERT_EQ(chmod((dir_ + "/shelfnode.db").c_str(), 0444), 0);

  const testing::RunResult scan = run_as_nobody(scan_argv(dir_), "SKU-05\nSKU-06*3\nSKU-07\n");
  EXPECT_EQ(scan.exit_code, 74) << scan.out << scan.err;
  EXPECT_FALSE(contains(scan.out, "OK ")) << scan.out;
  // Either refused at start (stderr) or one ERR per scan, each saying why.
  if (!scan.out.empty()) {
    std::istringstream lines(scan.out);
    int replies = 0;
    for (std::string line; std::getline(lines, line); ++replies) {
      EXPECT_EQ(line.compare(0, 4, "ERR "), 0) << line;
      EXPECT_TRUE(says_not_writable(line)) << line;
    }
    EXPECT_EQ(replies, 3) << scan.out;
  } else {
    EXPECT_TRUE(says_not_writable(scan.err)) << scan.err;
  }

  const testing::RunResult receive = run_as_nobody(receive_, "");
  EXPECT_EQ(receive.exit_code, 74) << receive.out << receive.err;
  EXPECT_FALSE(contains(receive.out, "OK ")) << receive.out;
  EXPECT_TRUE(says_not_writable(receive.out + receive.err)) << receive.out << receive.err;

  ASSERT_EQ(chmod(dir_.c_str(), 0700), 0);
  ASSERT_EQ(chmod((dir_ + "/shelfnode.db").c_str(), 0644), 0);
  expect_ledger_kept_and_writable();
}

}  // namespace
}  // namespace shelfnode::fault
