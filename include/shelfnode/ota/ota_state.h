#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "shelfnode/core/json.h"
#include "shelfnode/core/result.h"
#include "shelfnode/ota/fs_ops.h"
#include "shelfnode/ota/install_root.h"
#include "shelfnode/ota/semver.h"

namespace shelfnode::ota {

// How many starts a newly installed slot gets to pass its health check.
inline constexpr int kBootBudget = 3;

// A slot installed but not yet marked good.
struct Trial {
  std::string slot;      // a or b: what `current` was switched to
  std::string previous;  // what `current` named before: where a rollback goes
  Semver version;
  int budget_left = kBootBudget;  // starts left before the boot check rolls back
  std::int64_t installed_ms = 0;
  // Set once a rollback has begun, with its reason: the rollback is then finished by the next
  // boot check whatever step it was interrupted at.
  std::string failed;
};

struct Rollback {
  std::string from;  // the slot left
  std::string to;
  std::string version;  // of the slot left
  std::string reason;
  std::int64_t at_ms = 0;
};

// ROOT/ota/state.json. The dpkg-owned factory binary's boot check reads what any OTA slot
// wrote, so the format only ever gains fields: a reader ignores fields it does not know.
struct OtaState {
  std::optional<Semver> floor;      // raised when a slot is marked good, never lowered
  std::string good = kFactorySlot;  // the slot last marked good (or factory)
  std::string previous_good;        // the one before it, where a manual rollback goes ("" none)
  std::optional<Trial> trial;
  std::optional<Rollback> last_rollback;
};

// A missing file is a device that never installed anything: the default state. A file that
// is not one of ours is kBadData naming it.
Result<OtaState> read_state(const InstallRoot& root);
Status write_state(FsOps& fs, const InstallRoot& root, const OtaState& state);
// The text of state.json, and back: what read_state and write_state do without the file.
Result<OtaState> parse_state(std::string_view text);
std::string state_text(const OtaState& state);

// The last bundle refused, for `ota status` (refusal codes: refusal.h).
struct LastRefusal {
  std::string code;
  std::string message;
  std::string source;
  std::int64_t at_ms = 0;
};
Result<std::optional<LastRefusal>> read_last_refusal(const InstallRoot& root);
Status write_last_refusal(FsOps& fs, const InstallRoot& root, const LastRefusal& refusal);

// ROOT/ota/hawkbit.json as the hawkBit client keeps it (its format is that client's), for
// `ota status`: a null pointer when there is none, kBadData when it is not a JSON object.
Result<JsonPtr> read_hawkbit_json(const InstallRoot& root);

// Makes ROOT/ota (0755: state is root's to write and anyone's to read) when it is missing.
Status ensure_ota_dir(FsOps& fs, const InstallRoot& root);

}  // namespace shelfnode::ota
