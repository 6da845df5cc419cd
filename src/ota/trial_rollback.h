#pragma once

#include <string>

#include "shelfnode/core/clock.h"
#include "shelfnode/ota/boot_check.h"
#include "shelfnode/ota/ota_state.h"

namespace shelfnode::ota {

// Where leaving `leaving` goes: `preferred` when it is whole, else the last good slot, else
// factory; "" when none of them is whole.
std::string way_back(const InstallRoot& root, const OtaState& state, const std::string& leaving,
                     const std::string& preferred);

// Ends the trial in `state` by going back, in three durable steps that a later call finishes
// from wherever an interruption stopped them: the reason is recorded in the trial, `current`
// is switched, then the trial becomes `last_rollback`.
Result<SlotChange> roll_back_trial(FsOps& fs, const InstallRoot& root, OtaState& state,
                                   const Clock& clock, const std::string& reason);

// mark_good (boot_check.h) for a caller that holds the OtaLock already.
Result<SlotChange> mark_good_locked(FsOps& fs, const InstallRoot& root);

}  // namespace shelfnode::ota
