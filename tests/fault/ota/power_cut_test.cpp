// Power cuts, enumerated. One run of an operation (an install, the boot check's rollback,
// mark-good) is made through a StoppingFs that only counts its steps: every create, write,
// fsync, mkdir, rename, symlink, unlink and rmdir it does in the install root. Then, for each
// k from 1 to that count, the same operation starts again from a copy of the same install
// root and the power goes out before its step k. The "reboot" is fresh objects reading only
// what is on disk: the boot check runs, and `current` must name a whole slot (every file its
// manifest lists, with its SHA-256), the old one or the new one, never a half one; and the
// operation, run again, must succeed.
//
// What this does not model: a power cut also loses what was written but not yet fsynced.
// The steps are ordered so that nothing is renamed into place or pointed at before the fsync
// that makes it whole, which is the property the enumeration checks step by step.
#include <cstdio>
#include <set>

#include "slots_fixture.h"
#include "stopping_fs.h"

namespace shelfnode::ota::testing {
namespace {

class PowerCutTest : public SlotsFixture {
 protected:
  // The install root as it is now, copied to a new folder that becomes root() from then on.
  std::string snapshot(const std::string& name) {
    const std::string to = tmp_.file(name);
    const shelfnode::testing::RunResult r = shelfnode::testing::run({"cp", "-a", root_.dir, to});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return to;
  }
  void use_copy_of(const std::string& from, const std::string& name) {
    const std::string to = tmp_.file(name);
    const shelfnode::testing::RunResult r = shelfnode::testing::run({"cp", "-a", from, to});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    root_.dir = to;
  }
  void install_good(const std::string& version) {
    Result<InstallReport> r = install(version);
    ASSERT_TRUE(r.ok()) << r.status().message();
    ASSERT_TRUE(mark_good(system_fs(), root()).ok());
  }
};

TEST_F(PowerCutTest, AnInstallStoppedAtAnyStepLeavesAWholeSlotBehindCurrent) {
  install_good("1.1.0");  // a
  install_good("1.1.5");  // b: the next install wipes and refills a
  (void)bundle("1.2.0");
  const std::string before = snapshot("before");

  use_copy_of(before, "count");
  StoppingFs counter;
  ASSERT_TRUE(install("1.2.0", counter).ok());
  const int steps = counter.steps();
  ASSERT_GT(steps, 20) << "wipe, copy of three files, manifest, state and switch";
  std::printf("install: %d steps, the power cut before each in turn\n", steps);

  std::set<std::string> seen;
  for (int k = 1; k <= steps; ++k) {
    SCOPED_TRACE("power out before step " + std::to_string(k) + " of " + std::to_string(steps) +
                 ": " + counter.names()[static_cast<std::size_t>(k - 1)]);
    use_copy_of(before, "cut-" + std::to_string(k));
    StoppingFs cut(k);
    ASSERT_FALSE(install("1.2.0", cut).ok());

    const BootCheckReport boot_report = boot();  // the reboot
    EXPECT_TRUE(boot_report.problems.empty());
    const std::string now = current();
    ASSERT_TRUE(now == "a" || now == "b") << "current names '" << now << "'";
    ASSERT_TRUE(whole(now));
    seen.insert(now);
    const OtaState s = state();
    if (now == "b") {
      EXPECT_EQ(inspect_slot(root(), "b").version->to_string(), "1.1.5");
      EXPECT_FALSE(s.trial) << "a trial for a slot current does not name is forgotten";
      EXPECT_EQ(s.good, "b");
    } else {
      EXPECT_EQ(inspect_slot(root(), "a").version->to_string(), "1.2.0");
      ASSERT_TRUE(s.trial);
      EXPECT_EQ(s.trial->slot, "a");
      EXPECT_EQ(s.trial->budget_left, kBootBudget - 1) << "this boot was its first start";
      ASSERT_TRUE(roll_back(system_fs(), root(), clock_, "test").ok());
    }
    EXPECT_EQ(s.floor->to_string(), "1.1.5");

    Result<InstallReport> again = install("1.2.0");
    ASSERT_TRUE(again.ok()) << again.status().message();
    EXPECT_EQ(again->slot, "a");
    EXPECT_TRUE(whole("a"));
  }
  EXPECT_EQ(seen, (std::set<std::string>{"a", "b"})) << "both outcomes were reached";
}

TEST_F(PowerCutTest, ARollbackStoppedAtAnyStepIsFinishedByTheNextBootCheck) {
  install_good("1.1.0");               // a
  ASSERT_TRUE(install("1.2.0").ok());  // b, in trial
  for (int start = 0; start < kBootBudget; ++start) (void)boot();
  ASSERT_EQ(state().trial->budget_left, 0);
  const std::string before = snapshot("before");

  use_copy_of(before, "count");
  StoppingFs counter;
  ASSERT_EQ(boot(std::nullopt, counter).current, "a");
  const int steps = counter.steps();
  ASSERT_GE(steps, 5) << "state, link, rename, fsync, state";
  std::printf("rollback: %d steps, the power cut before each in turn\n", steps);

  for (int k = 1; k <= steps; ++k) {
    SCOPED_TRACE("power out before step " + std::to_string(k) + ": " +
                 counter.names()[static_cast<std::size_t>(k - 1)]);
    use_copy_of(before, "cut-" + std::to_string(k));
    StoppingFs cut(k);
    (void)boot(std::nullopt, cut);
    const std::string during = current();
    ASSERT_TRUE(during == "a" || during == "b");
    ASSERT_TRUE(whole(during));

    const BootCheckReport r = boot();
    EXPECT_TRUE(r.problems.empty());
    EXPECT_EQ(current(), "a");
    ASSERT_TRUE(whole("a"));
    const OtaState s = state();
    EXPECT_FALSE(s.trial);
    ASSERT_TRUE(s.last_rollback);
    EXPECT_EQ(s.last_rollback->from, "b");
    EXPECT_NE(s.last_rollback->reason.find("started 3 times"), std::string::npos)
        << s.last_rollback->reason;
    EXPECT_EQ(s.floor->to_string(), "1.1.0");
    EXPECT_TRUE(install("1.2.1").ok());
  }
}

TEST_F(PowerCutTest, MarkGoodStoppedAtAnyStepLeavesTheTrialOrTheGoodSlot) {
  ASSERT_TRUE(install("1.1.0").ok());
  const std::string before = snapshot("before");
  use_copy_of(before, "count");
  StoppingFs counter;
  ASSERT_TRUE(mark_good(counter, root()).ok());
  const int steps = counter.steps();
  for (int k = 1; k <= steps; ++k) {
    SCOPED_TRACE("power out before step " + std::to_string(k));
    use_copy_of(before, "cut-" + std::to_string(k));
    StoppingFs cut(k);
    ASSERT_FALSE(mark_good(cut, root()).ok());
    (void)boot();
    EXPECT_EQ(current(), "a");
    const OtaState s = state();
    if (s.trial) {
      EXPECT_FALSE(s.floor) << "the floor rises with the trial's end, in one write";
    } else {
      EXPECT_EQ(s.floor->to_string(), "1.1.0");
      EXPECT_EQ(s.good, "a");
    }
  }
}

}  // namespace
}  // namespace shelfnode::ota::testing
