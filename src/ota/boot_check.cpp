// The boot check (boot_check.h): what runs before every start of the daemon.
#include "shelfnode/ota/boot_check.h"

#include "shelfnode/ota/ota_lock.h"
#include "trial_rollback.h"

namespace shelfnode::ota {
namespace {

std::string named(const SlotInfo& slot) {
  return "slot " + slot.name + (slot.version ? " (" + slot.version->to_string() + ")" : "");
}

// The state file is not one this build can read: set aside for a person to look at, and
// start again from factory, the tree OTA never writes.
void start_over_from_factory(FsOps& fs, const InstallRoot& root, const Clock& clock,
                             const Status& why, BootCheckReport& report) {
  report.problems.push_back(why.message());
  Status s = fs.rename(root.state(), root.state() + ".unreadable");
  if (!s.ok()) report.problems.push_back(s.message());
  OtaState fresh;
  Result<std::string> current = current_slot(root);
  const std::string from = current.ok() ? *current : "";
  if (from != kFactorySlot) {
    s = switch_current(fs, root, kFactorySlot);
    if (!s.ok()) {
      report.problems.push_back(s.message());
      report.current = from;
      return;
    }
    fresh.last_rollback = Rollback{
        from, kFactorySlot, "",
        "the OTA state was unreadable (" + why.message() + "); kept as state.json.unreadable",
        clock.now_ms()};
    report.done.push_back("the OTA state was unreadable: switched to factory");
  }
  report.current = kFactorySlot;
  s = write_state(fs, root, fresh);
  if (!s.ok()) report.problems.push_back(s.message());
}

// `current` is missing, dangling or names a slot that is not whole: point it at the best
// whole slot there is.
void repair_current(FsOps& fs, const InstallRoot& root, const Clock& clock, OtaState& state,
                    const std::string& broken, const std::string& why, BootCheckReport& report) {
  const bool in_trial = state.trial && state.trial->slot == broken;
  const std::string target =
      way_back(root, state, broken, in_trial ? state.trial->previous : state.good);
  if (target.empty()) {
    report.problems.push_back(why +
                              "; and no slot is whole, not even factory: reinstall the "
                              "shelfnode package");
    return;
  }
  Status s = switch_current(fs, root, target);
  if (!s.ok()) {
    report.problems.push_back(s.message());
    return;
  }
  report.current = target;
  report.done.push_back(why + ": current now names " + target);
  if (!broken.empty()) {
    state.last_rollback = Rollback{broken, target, "", why, clock.now_ms()};
  }
  if (state.trial && state.trial->slot != target) state.trial.reset();
  if (!inspect_slot(root, state.good).complete) state.good = target;
  s = write_state(fs, root, state);
  if (!s.ok()) report.problems.push_back(s.message());
}

std::string spent_budget_reason(const Trial& trial, const std::optional<HealthReport>& health) {
  std::string reason = "slot " + trial.slot + " (" + trial.version.to_string() + ") started " +
                       std::to_string(kBootBudget) + " times without passing its health check";
  if (health && !health->ok && health->slot == trial.slot && health->at_ms >= trial.installed_ms) {
    return reason + "; last: " + health->reason;
  }
  return reason + " (no health report: it crashed, hung or lost power before it was up)";
}

void run_trial(FsOps& fs, const InstallRoot& root, const Clock& clock, OtaState& state,
               const std::optional<HealthReport>& health, BootCheckReport& report) {
  Trial& trial = *state.trial;
  if (came_up(trial, health)) {
    Result<SlotChange> good = mark_good_locked(fs, root);
    if (!good.ok()) {
      report.problems.push_back(good.status().message());
    } else {
      report.done.push_back("slot " + trial.slot + " (" + trial.version.to_string() +
                            ") passed its health check: marked good");
    }
    return;
  }
  if (trial.budget_left <= 0) {
    Result<SlotChange> back =
        roll_back_trial(fs, root, state, clock, spent_budget_reason(trial, health));
    if (!back.ok()) {
      report.problems.push_back(back.status().message());
      return;
    }
    report.current = back->to;
    report.done.push_back("rolled back from slot " + back->from + " to " + back->to + ": " +
                          state.last_rollback->reason);
    return;
  }
  --trial.budget_left;
  const int start = kBootBudget - trial.budget_left;
  Status s = write_state(fs, root, state);
  if (!s.ok()) {
    report.problems.push_back(s.message());
    return;
  }
  report.done.push_back("slot " + trial.slot + " (" + trial.version.to_string() +
                        ") in trial: start " + std::to_string(start) + " of " +
                        std::to_string(kBootBudget));
}

}  // namespace

BootCheckReport boot_check(FsOps& fs, const InstallRoot& root, const Clock& clock,
                           const std::optional<HealthReport>& health) {
  BootCheckReport report;
  Result<OtaLock> lock = OtaLock::acquire(root, OtaLock::Wait::kUpToAMinute);
  if (!lock.ok()) {
    // Changing nothing is safe: whatever holds the lock leaves `current` whole.
    Result<std::string> current = current_slot(root);
    report.current = current.ok() ? *current : "";
    report.problems.push_back(lock.status().message() + "; the boot check did nothing");
    return report;
  }
  Result<OtaState> read = read_state(root);
  if (!read.ok()) {
    start_over_from_factory(fs, root, clock, read.status(), report);
    return report;
  }
  OtaState state = std::move(read).value();
  if (state.trial && !state.trial->failed.empty()) {
    Result<SlotChange> back = roll_back_trial(fs, root, state, clock, state.trial->failed);
    if (!back.ok()) {
      report.problems.push_back(back.status().message());
    } else {
      report.done.push_back("finished the rollback from slot " + back->from + " to " + back->to);
    }
  }
  Result<std::string> current = current_slot(root);
  if (!current.ok()) {
    repair_current(fs, root, clock, state, "", current.status().message(), report);
    return report;
  }
  const SlotInfo running = inspect_slot(root, *current);
  if (!running.complete) {
    repair_current(fs, root, clock, state, *current, running.problem, report);
    return report;
  }
  report.current = *current;
  if (state.trial && state.trial->slot != *current) {
    report.done.push_back("forgot the trial of slot " + state.trial->slot + ": current names " +
                          *current +
                          " (an install or rollback was "
                          "interrupted before it switched)");
    state.trial.reset();
    Status s = write_state(fs, root, state);
    if (!s.ok()) report.problems.push_back(s.message());
  }
  const SlotInfo factory = inspect_slot(root, kFactorySlot);
  if (*current != kFactorySlot && factory.complete && factory.version && running.version &&
      *running.version < *factory.version) {
    Status s = switch_current(fs, root, kFactorySlot);
    if (!s.ok()) {
      report.problems.push_back(s.message());
      return report;
    }
    report.current = kFactorySlot;
    report.done.push_back("factory " + factory.version->to_string() + " is newer than " +
                          named(running) + " (upgraded with the package): factory runs");
    state.trial.reset();
    if (state.good != kFactorySlot) state.previous_good = state.good;
    state.good = kFactorySlot;
    s = write_state(fs, root, state);
    if (!s.ok()) report.problems.push_back(s.message());
    return report;
  }
  if (state.trial) run_trial(fs, root, clock, state, health, report);
  return report;
}

}  // namespace shelfnode::ota
