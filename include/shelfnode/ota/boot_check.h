#pragma once

#include <optional>
#include <string>
#include <vector>

#include "shelfnode/core/clock.h"
#include "shelfnode/core/result.h"
#include "shelfnode/ota/fs_ops.h"
#include "shelfnode/ota/health_report.h"
#include "shelfnode/ota/install_root.h"
#include "shelfnode/ota/ota_state.h"

namespace shelfnode::ota {

struct BootCheckReport {
  std::string current;                // what `current` names when it is done ("" if nothing could)
  std::vector<std::string> done;      // one line per thing it did or found, for the journal
  std::vector<std::string> problems;  // what it could not do (it still lets the daemon start)
};

// Each of these holds the OtaLock while it runs; the boot check waits up to a minute for it,
// the others fail with kConflict at once.

// Runs before the daemon (the unit's ExecStartPre, as root, from the factory tree), in order:
//  - finishes a rollback that an interruption stopped half way;
//  - repairs a missing, dangling or incomplete `current` (the trial's previous slot, the last
//    good slot, or factory);
//  - forgets a trial for a slot `current` does not name (its install or rollback was stopped
//    before the switch);
//  - factory newer than the running slot (apt upgraded the package): factory wins;
//  - a slot in trial: marked good if `health` says it came up; rolled back when its budget is
//    spent; otherwise one start is taken from the budget, durably.
// An unreadable state file is set aside (state.json.unreadable) and `current` goes to
// factory: the one tree OTA never writes, so a device never stays on a slot nobody vouches for.
BootCheckReport boot_check(FsOps& fs, const InstallRoot& root, const Clock& clock,
                           const std::optional<HealthReport>& health);

struct SlotChange {
  std::string from;
  std::string to;
  std::string version;   // the version now running ("" if unknown)
  bool changed = false;  // false: nothing was in trial (mark-good), or why_not
  std::string why_not;
};

// Whether `health` is the report of the trial's own slot and version, made since its install,
// saying it came up.
bool came_up(const Trial& trial, const std::optional<HealthReport>& health);

// The slot in trial becomes good: the floor rises to its version, the trial ends. Nothing in
// trial is not an error (changed == false).
Result<SlotChange> mark_good(FsOps& fs, const InstallRoot& root);

// mark_good only when the slot in trial came_up (the unit's ExecStartPost, after READY=1);
// otherwise changed == false with why_not.
Result<SlotChange> mark_good_if_up(FsOps& fs, const InstallRoot& root,
                                   const std::optional<HealthReport>& health);

// Leaves the running slot: a slot in trial goes back to where it came from; a good slot to the
// previous good one, else factory. kNotFound when there is nowhere to go.
Result<SlotChange> roll_back(FsOps& fs, const InstallRoot& root, const Clock& clock,
                             const std::string& reason);

}  // namespace shelfnode::ota
