// Ending a trial either way, and going back from a good slot (boot_check.h).
#include "shelfnode/ota/boot_check.h"
#include "shelfnode/ota/ota_lock.h"
#include "trial_rollback.h"

namespace shelfnode::ota {
namespace {

std::string version_of(const InstallRoot& root, const std::string& slot) {
  const SlotInfo info = inspect_slot(root, slot);
  return info.version ? info.version->to_string() : "";
}

}  // namespace

std::string way_back(const InstallRoot& root, const OtaState& state, const std::string& leaving,
                     const std::string& preferred) {
  for (const std::string& slot : {preferred, state.good, std::string(kFactorySlot)}) {
    if (slot.empty() || slot == leaving) continue;
    if (inspect_slot(root, slot).complete) return slot;
  }
  return "";
}

Result<SlotChange> roll_back_trial(FsOps& fs, const InstallRoot& root, OtaState& state,
                                   const Clock& clock, const std::string& reason) {
  Trial& trial = *state.trial;
  const std::string target = way_back(root, state, trial.slot, trial.previous);
  if (target.empty()) {
    return not_found("no whole slot to go back to from " + trial.slot +
                     " (factory is damaged too): reinstall the shelfnode package");
  }
  if (trial.failed.empty()) {
    trial.failed = reason;
    SHELFNODE_RETURN_IF_ERROR(write_state(fs, root, state));
  }
  SHELFNODE_RETURN_IF_ERROR(switch_current(fs, root, target));
  Rollback done{trial.slot, target, trial.version.to_string(), trial.failed, clock.now_ms()};
  state.last_rollback = done;
  state.trial.reset();
  if (state.good == done.from || !inspect_slot(root, state.good).complete) state.good = target;
  SHELFNODE_RETURN_IF_ERROR(write_state(fs, root, state));
  return SlotChange{done.from, target, version_of(root, target), true, ""};
}

Result<SlotChange> mark_good_locked(FsOps& fs, const InstallRoot& root) {
  Result<OtaState> state = read_state(root);
  if (!state.ok()) return state.status();
  Result<std::string> current = current_slot(root);
  if (!current.ok()) return current.status();
  if (!state->trial || state->trial->slot != *current || !state->trial->failed.empty()) {
    return SlotChange{*current, *current, version_of(root, *current), false, ""};
  }
  const Semver version = state->trial->version;
  if (!state->floor || *state->floor < version) state->floor = version;
  if (state->good != *current) state->previous_good = state->good;
  state->good = *current;
  state->trial.reset();
  SHELFNODE_RETURN_IF_ERROR(write_state(fs, root, *state));
  return SlotChange{*current, *current, version.to_string(), true, ""};
}

bool came_up(const Trial& trial, const std::optional<HealthReport>& health) {
  return health && health->ok && health->slot == trial.slot &&
         health->version == trial.version.to_string() && health->at_ms >= trial.installed_ms;
}

Result<SlotChange> mark_good(FsOps& fs, const InstallRoot& root) {
  Result<OtaLock> lock = OtaLock::acquire(root, OtaLock::Wait::kNo);
  if (!lock.ok()) return lock.status();
  return mark_good_locked(fs, root);
}

Result<SlotChange> mark_good_if_up(FsOps& fs, const InstallRoot& root,
                                   const std::optional<HealthReport>& health) {
  Result<OtaLock> lock = OtaLock::acquire(root, OtaLock::Wait::kNo);
  if (!lock.ok()) return lock.status();
  Result<OtaState> state = read_state(root);
  if (!state.ok()) return state.status();
  if (state->trial && !came_up(*state->trial, health)) {
    SlotChange unchanged{state->trial->slot, state->trial->slot, state->trial->version.to_string(),
                         false, ""};
    unchanged.why_not = "slot " + state->trial->slot + " (" + unchanged.version +
                        ") has not reported a passed health check: left in trial";
    return unchanged;
  }
  return mark_good_locked(fs, root);
}

Result<SlotChange> roll_back(FsOps& fs, const InstallRoot& root, const Clock& clock,
                             const std::string& reason) {
  Result<OtaLock> lock = OtaLock::acquire(root, OtaLock::Wait::kNo);
  if (!lock.ok()) return lock.status();
  Result<OtaState> state = read_state(root);
  if (!state.ok()) return state.status();
  Result<std::string> current = current_slot(root);
  if (!current.ok()) return current.status();
  if (state->trial && state->trial->slot == *current) {
    return roll_back_trial(fs, root, *state, clock, reason);
  }
  const std::string target = way_back(root, *state, *current, state->previous_good);
  if (target.empty()) {
    return not_found("nothing to roll back to: " + *current +
                     " is the only whole slot on this device");
  }
  const std::string left_version = version_of(root, *current);
  SHELFNODE_RETURN_IF_ERROR(switch_current(fs, root, target));
  state->trial.reset();
  state->last_rollback = Rollback{*current, target, left_version, reason, clock.now_ms()};
  state->previous_good = *current;
  state->good = target;
  SHELFNODE_RETURN_IF_ERROR(write_state(fs, root, *state));
  return SlotChange{*current, target, version_of(root, target), true, ""};
}

}  // namespace shelfnode::ota
