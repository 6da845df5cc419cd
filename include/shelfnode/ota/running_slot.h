#pragma once

#include <optional>
#include <string>

#include "shelfnode/ota/install_root.h"
#include "shelfnode/ota/ota_state.h"

namespace shelfnode::ota {

// Which slot of the install root a program runs from, judged by its own path (the unit starts
// ROOT/current/bin/shelfnode, whose real path is ROOT/<slot>/bin/...), and what the OTA state
// says about that slot. The daemon uses it to know whether it is on trial.
struct RunningSlot {
  InstallRoot root;
  std::string slot;            // factory, a or b
  std::string version;         // "" when the slot does not say
  std::optional<Trial> trial;  // when this slot is the one in trial
  std::optional<Rollback> last_rollback;
};

// None when `exe` (a real path, e.g. of /proc/self/exe) is not inside ROOT/<slot>/ of the
// install root in force (install_root_from("")), e.g. a binary run from a build tree, or
// when the state cannot be read.
std::optional<RunningSlot> running_slot(const std::string& exe);

}  // namespace shelfnode::ota
