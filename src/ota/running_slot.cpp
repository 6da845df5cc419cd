#include "shelfnode/ota/running_slot.h"

#include <climits>
#include <cstdlib>

namespace shelfnode::ota {

std::optional<RunningSlot> running_slot(const std::string& exe) {
  const InstallRoot configured = install_root_from("");
  char real[PATH_MAX];
  if (::realpath(configured.dir.c_str(), real) == nullptr) return std::nullopt;
  const std::string root = real;
  if (exe.size() <= root.size() + 1 || exe.compare(0, root.size(), root) != 0 ||
      exe[root.size()] != '/') {
    return std::nullopt;
  }
  const std::size_t end = exe.find('/', root.size() + 1);
  if (end == std::string::npos) return std::nullopt;
  RunningSlot running;
  running.root = InstallRoot{root};
  running.slot = exe.substr(root.size() + 1, end - root.size() - 1);
  if (!is_slot_name(running.slot)) return std::nullopt;
  Result<OtaState> state = read_state(running.root);
  if (!state.ok()) return std::nullopt;
  const SlotInfo info = inspect_slot(running.root, running.slot);
  if (info.version) running.version = info.version->to_string();
  if (state->trial && state->trial->slot == running.slot && state->trial->failed.empty()) {
    running.trial = state->trial;
  }
  running.last_rollback = state->last_rollback;
  return running;
}

}  // namespace shelfnode::ota
