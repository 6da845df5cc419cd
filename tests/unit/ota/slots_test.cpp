// The A/B slots: install into the inactive slot, the trial and its boot budget, mark good and
// the floor, rollback, and what the boot check repairs.
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "shelfnode/ota/ota_lock.h"
#include "slots_fixture.h"

namespace shelfnode::ota::testing {
namespace {

using shelfnode::testing::read_file;
using shelfnode::testing::write_file;

mode_t mode_of(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 07777;
}

// Records what it is asked to do, then does it; can run a hook before a create.
class WatchingFs : public FsOps {
 public:
  std::function<void(const std::string&)> before_create;
  Result<platform::UniqueFd> create(const std::string& path, mode_t mode) override {
    if (before_create) before_create(path);
    return system_fs().create(path, mode);
  }
  Status write(int fd, const void* d, std::size_t n, const std::string& p) override {
    return system_fs().write(fd, d, n, p);
  }
  Status fsync(int fd, const std::string& p) override { return system_fs().fsync(fd, p); }
  Status fsync_dir(const std::string& d) override { return system_fs().fsync_dir(d); }
  Status mkdir(const std::string& p, mode_t m) override { return system_fs().mkdir(p, m); }
  Status rename(const std::string& f, const std::string& t) override {
    return system_fs().rename(f, t);
  }
  Status symlink(const std::string& t, const std::string& l) override {
    return system_fs().symlink(t, l);
  }
  Status unlink(const std::string& p) override { return system_fs().unlink(p); }
  Status rmdir(const std::string& p) override { return system_fs().rmdir(p); }
};

class SlotsTest : public SlotsFixture {
 protected:
  void install_good(const std::string& version) {
    Result<InstallReport> r = install(version);
    ASSERT_TRUE(r.ok()) << r.status().message();
    Result<SlotChange> good = mark_good(system_fs(), root());
    ASSERT_TRUE(good.ok()) << good.status().message();
    ASSERT_TRUE(good->changed);
  }
};

TEST_F(SlotsTest, InstallGoesToTheInactiveSlotInTrial) {
  Result<InstallReport> r = install("1.1.0");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->slot, "a");
  EXPECT_EQ(r->previous, "factory");
  EXPECT_EQ(r->replaced.to_string(), "1.0.0");
  EXPECT_EQ(current(), "a");
  EXPECT_TRUE(whole("a"));
  EXPECT_EQ(read_file(root().slot_dir("a") + "/bin/shelfnode"),
            "#!/bin/sh\necho shelfnode 1.1.0\n");
  EXPECT_EQ(mode_of(root().slot_dir("a") + "/bin/shelfnode"), 0755u);
  EXPECT_EQ(mode_of(root().slot_dir("a") + "/share/catalog.bin"), 0644u);
  const OtaState s = state();
  ASSERT_TRUE(s.trial);
  EXPECT_EQ(s.trial->slot, "a");
  EXPECT_EQ(s.trial->previous, "factory");
  EXPECT_EQ(s.trial->budget_left, kBootBudget);
  EXPECT_FALSE(s.floor) << "the floor rises only when a slot is marked good";
  char link[16] = {};
  ASSERT_GT(::readlink(root().current().c_str(), link, sizeof link - 1), 0);
  EXPECT_STREQ(link, "a") << "current is a relative link";
}

TEST_F(SlotsTest, NextInstallGoesToTheOtherSlotAndNeverTheRunningOne) {
  install_good("1.1.0");
  Result<InstallReport> r = install("1.2.0");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->slot, "b");
  EXPECT_TRUE(whole("a")) << "the slot it came from is untouched";
  ASSERT_TRUE(mark_good(system_fs(), root()).ok());
  r = install("1.3.0");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->slot, "a") << "the inactive slot is wiped and used again";
  EXPECT_EQ(inspect_slot(root(), "a").version->to_string(), "1.3.0");
}

TEST_F(SlotsTest, InstallWhileASlotIsInTrialIsRefusedUntilItIsDecided) {
  ASSERT_TRUE(install("1.1.0").ok());
  Result<InstallReport> r = install("1.2.0");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kConflict);
  EXPECT_NE(r.status().message().find("ota mark-good"), std::string::npos);
  EXPECT_EQ(current(), "a");
}

TEST_F(SlotsTest, EachStartSpendsTheBudgetThenTheBootCheckRollsBack) {
  ASSERT_TRUE(install("1.1.0").ok());
  for (int start = 1; start <= kBootBudget; ++start) {
    const BootCheckReport r = boot();
    EXPECT_TRUE(r.problems.empty());
    EXPECT_EQ(r.current, "a");
    EXPECT_EQ(state().trial->budget_left, kBootBudget - start);
  }
  const BootCheckReport r = boot();
  EXPECT_EQ(r.current, "factory");
  EXPECT_EQ(current(), "factory");
  const OtaState s = state();
  EXPECT_FALSE(s.trial);
  ASSERT_TRUE(s.last_rollback);
  EXPECT_EQ(s.last_rollback->from, "a");
  EXPECT_EQ(s.last_rollback->to, "factory");
  EXPECT_EQ(s.last_rollback->version, "1.1.0");
  EXPECT_NE(s.last_rollback->reason.find("started 3 times without passing its health check"),
            std::string::npos)
      << s.last_rollback->reason;
  EXPECT_NE(s.last_rollback->reason.find("no health report"), std::string::npos);
  EXPECT_FALSE(s.floor);
}

TEST_F(SlotsTest, AFailedHealthCheckIsTheRollbackReason) {
  ASSERT_TRUE(install("1.1.0").ok());
  const HealthReport failed{"a", "1.1.0", false, "config.json: unknown field 'scaners'",
                            clock_.now_ms()};
  for (int start = 0; start <= kBootBudget; ++start) (void)boot(failed);
  EXPECT_EQ(current(), "factory");
  EXPECT_NE(state().last_rollback->reason.find("last: config.json: unknown field 'scaners'"),
            std::string::npos)
      << state().last_rollback->reason;
}

TEST_F(SlotsTest, AHealthyReportMarksTheTrialGoodAndRaisesTheFloor) {
  ASSERT_TRUE(install("1.1.0").ok());
  (void)boot();
  const BootCheckReport r = boot(healthy("a", "1.1.0"));
  EXPECT_EQ(r.current, "a");
  const OtaState s = state();
  EXPECT_FALSE(s.trial);
  EXPECT_EQ(s.good, "a");
  EXPECT_EQ(s.previous_good, "factory");
  ASSERT_TRUE(s.floor);
  EXPECT_EQ(s.floor->to_string(), "1.1.0");
}

TEST_F(SlotsTest, AReportOfAnotherSlotOrAnOlderStartDoesNotCount) {
  ASSERT_TRUE(install("1.1.0").ok());
  (void)boot(healthy("factory", "1.0.0"));
  (void)boot(HealthReport{"a", "1.1.0", true, "", clock_.now_ms() - 1});
  EXPECT_TRUE(state().trial) << "a report from before the install is the old slot's";
}

TEST_F(SlotsTest, MarkGoodWithNothingInTrialChangesNothing) {
  Result<SlotChange> r = mark_good(system_fs(), root());
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->changed);
  EXPECT_FALSE(state().floor);
}

TEST_F(SlotsTest, TheFloorRefusesWhatARollbackWouldOtherwiseLetIn) {
  install_good("1.1.0");  // a
  install_good("1.2.0");  // b, floor 1.2.0
  Result<SlotChange> back = roll_back(system_fs(), root(), clock_, "by hand");
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->from, "b");
  EXPECT_EQ(back->to, "a");
  EXPECT_EQ(current(), "a");
  EXPECT_EQ(state().floor->to_string(), "1.2.0") << "a rollback never lowers the floor";
  EXPECT_REFUSED(install("1.1.5"), "version_below_floor", "1.1.5");
  Result<std::optional<LastRefusal>> kept = read_last_refusal(root());
  ASSERT_TRUE(kept.ok() && kept->has_value());
  EXPECT_EQ((*kept)->code, "version_below_floor");
  EXPECT_EQ((*kept)->source, bundle("1.1.5"));
  EXPECT_TRUE(install("1.3.0").ok());
}

TEST_F(SlotsTest, AVersionNotNewerThanTheRunningSlotIsRefusedAndKept) {
  install_good("1.1.0");
  EXPECT_REFUSED(install("1.1.0"), "version_not_newer", "not newer than the installed 1.1.0");
  EXPECT_EQ(current(), "a");
  EXPECT_FALSE(state().trial);
  EXPECT_FALSE(inspect_slot(root(), "b").complete) << "nothing was written for a refusal";
}

TEST_F(SlotsTest, AnUntrustedSignatureIsRefusedAndKept) {
  make_key("stranger");
  write_file(tree_dir() + "/bin/shelfnode", "#!/bin/sh\necho evil\n");
  const std::string evil = build("stranger", "9.0.0");
  EXPECT_REFUSED(install_bundle(system_fs(), root(), keys_dir(), clock_, evil),
                 "signature_not_trusted", "");
  Result<std::optional<LastRefusal>> kept = read_last_refusal(root());
  ASSERT_TRUE(kept.ok() && kept->has_value());
  EXPECT_EQ((*kept)->code, "signature_not_trusted");
  EXPECT_EQ(current(), "factory");
}

TEST_F(SlotsTest, AMissingTrustStoreIsAConfigurationError) {
  Result<InstallReport> r =
      install_bundle(system_fs(), root(), tmp_.file("no-keys"), clock_, bundle("1.1.0"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kConfig);
  EXPECT_EQ(r.status().exit_code(), 78);
}

TEST_F(SlotsTest, AFileChangedAfterTheCheckIsCaughtWhileCopying) {
  const std::string b = bundle("1.1.0");
  WatchingFs fs;
  fs.before_create = [&](const std::string& path) {
    // The bundle's medium changes under the reader after verify_bundle hashed it.
    if (path.find("share/catalog.bin") != std::string::npos) {
      std::string bytes = read_file(b + "/share/catalog.bin");
      bytes[1000] = static_cast<char>(bytes[1000] ^ 1);
      write_file(b + "/share/catalog.bin", bytes);
    }
  };
  EXPECT_REFUSED(install("1.1.0", fs), "hash_mismatch", "changed after it was checked");
  EXPECT_EQ(current(), "factory");
  EXPECT_FALSE(state().trial);
  struct stat st {};
  EXPECT_NE(::lstat(root().slot_dir("a").c_str(), &st), 0) << "the half-filled slot is removed";
}

TEST_F(SlotsTest, ManualRollbackOfATrialGoesBackWhereItCameFrom) {
  install_good("1.1.0");
  ASSERT_TRUE(install("1.2.0").ok());
  Result<SlotChange> back = roll_back(system_fs(), root(), clock_, "by hand");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->to, "a");
  EXPECT_EQ(state().last_rollback->reason, "by hand");
  EXPECT_EQ(state().floor->to_string(), "1.1.0");
}

TEST_F(SlotsTest, RollbackWithNowhereToGoIsNotFound) {
  Result<SlotChange> back = roll_back(system_fs(), root(), clock_, "by hand");
  ASSERT_FALSE(back.ok());
  EXPECT_EQ(back.status().code(), Code::kNotFound);
  EXPECT_EQ(current(), "factory");
}

TEST_F(SlotsTest, BootCheckMakesAMissingCurrent) {
  ASSERT_EQ(::unlink(root().current().c_str()), 0);
  const BootCheckReport r = boot();
  EXPECT_EQ(r.current, "factory");
  EXPECT_EQ(current(), "factory");
}

TEST_F(SlotsTest, BootCheckRepairsACurrentThatNamesAnIncompleteSlot) {
  install_good("1.1.0");
  ASSERT_TRUE(install("1.2.0").ok());  // b, in trial
  ASSERT_EQ(::unlink((root().slot_dir("b") + "/share/catalog.bin").c_str()), 0);
  const BootCheckReport r = boot();
  EXPECT_EQ(r.current, "a") << "the trial's previous slot";
  EXPECT_FALSE(state().trial);
  EXPECT_EQ(state().last_rollback->from, "b");
}

TEST_F(SlotsTest, BootCheckRepairsACurrentPointingOutsideTheSlots) {
  install_good("1.1.0");
  ASSERT_EQ(::unlink(root().current().c_str()), 0);
  ASSERT_EQ(::symlink("/tmp", root().current().c_str()), 0);
  EXPECT_EQ(boot().current, "a") << "the last good slot";
}

TEST_F(SlotsTest, ANewerFactoryTreeWins) {
  install_good("1.1.0");
  set_factory_version("1.5.0");
  const BootCheckReport r = boot();
  EXPECT_EQ(r.current, "factory");
  EXPECT_EQ(state().good, "factory");
  EXPECT_EQ(state().previous_good, "a");
  EXPECT_REFUSED(install("1.4.0"), "version_not_newer", "1.5.0");
  Result<InstallReport> next = install("1.6.0");
  ASSERT_TRUE(next.ok()) << next.status().message();
  EXPECT_EQ(next->slot, "b") << "a, the previous good slot, is kept as a way back";
}

TEST_F(SlotsTest, AnUnreadableStateFallsBackToFactoryAndIsKeptAside) {
  install_good("1.1.0");
  write_file(root().state(), "{not json");
  const BootCheckReport r = boot();
  EXPECT_EQ(r.current, "factory");
  EXPECT_FALSE(r.problems.empty());
  EXPECT_EQ(read_file(root().state() + ".unreadable"), "{not json");
  EXPECT_NE(state().last_rollback->reason.find("unreadable"), std::string::npos);
}

TEST_F(SlotsTest, FactoryWithoutAVersionFileCannotTakeABundle) {
  ASSERT_EQ(::unlink((root().slot_dir("factory") + "/VERSION").c_str()), 0);
  Result<InstallReport> r = install("1.1.0");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kConfig);
  EXPECT_NE(r.status().message().find("VERSION"), std::string::npos);
}

TEST_F(SlotsTest, AStateWithUnknownFieldsIsStillRead) {
  install_good("1.1.0");
  std::string text = read_file(root().state());
  text.insert(text.find('{') + 1, "\"written_by_a_later_release\": {\"x\": 1},");
  write_file(root().state(), text);
  EXPECT_EQ(state().floor->to_string(), "1.1.0");
  EXPECT_EQ(state().good, "a");
}

TEST_F(SlotsTest, ABundleWithoutTheProgramIsRefused) {
  ASSERT_EQ(::unlink((tree_dir() + "/bin/shelfnode").c_str()), 0);
  ASSERT_EQ(::rmdir((tree_dir() + "/bin").c_str()), 0);
  const std::string data_only = build("release", "1.1.0");
  EXPECT_REFUSED(install_bundle(system_fs(), root(), keys_dir(), clock_, data_only), "file_missing",
                 "the bundle has no bin/shelfnode");
  EXPECT_EQ(current(), "factory");
  EXPECT_FALSE(inspect_slot(root(), "a").complete);
}

TEST_F(SlotsTest, OneOtaOperationAtATime) {
  Result<OtaLock> held = OtaLock::acquire(root(), OtaLock::Wait::kNo);
  ASSERT_TRUE(held.ok()) << held.status().message();
  std::optional<OtaLock> other(std::move(held).value());
  Result<InstallReport> r = install("1.1.0");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kConflict);
  EXPECT_NE(r.status().message().find("another OTA operation"), std::string::npos);
  EXPECT_EQ(mark_good(system_fs(), root()).status().code(), Code::kConflict);
  EXPECT_EQ(roll_back(system_fs(), root(), clock_, "x").status().code(), Code::kConflict);
  ASSERT_EQ(::unlink(root().current().c_str()), 0);
  // The boot check waits for the other operation rather than failing the start.
  std::thread finish([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    other.reset();
  });
  const BootCheckReport b = boot();
  finish.join();
  EXPECT_TRUE(b.problems.empty());
  EXPECT_EQ(b.current, "factory");
  EXPECT_TRUE(install("1.1.0").ok());
}

}  // namespace
}  // namespace shelfnode::ota::testing
