#include "shelfnode/ota/installer.h"

#include <sys/stat.h>

#include <set>

#include "shelfnode/ota/ota_lock.h"
#include "shelfnode/ota/ota_state.h"
#include "shelfnode/ota/refusal.h"
#include "shelfnode/ota/trusted_keys.h"
#include "shelfnode/ota/verify_bundle.h"
#include "slot_copy.h"

namespace shelfnode::ota {
namespace {

bool exists(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

// Never the slot `current` names, and not the last good one kept as the way back if it can
// be helped.
std::string inactive_slot(const std::string& current, const OtaState& state) {
  if (current == "a") return "b";
  if (current == "b") return "a";
  return state.good == "a" || state.previous_good == "a" ? "b" : "a";
}

bool lists_program(const Manifest& manifest) {
  for (const ManifestFile& f : manifest.files) {
    if (f.path == kSlotProgram) return true;
  }
  return false;
}

Status wipe_slot(FsOps& fs, const InstallRoot& root, const std::string& slot) {
  const std::string dir = root.slot_dir(slot);
  if (exists(dir)) {
    SHELFNODE_RETURN_IF_ERROR(fs.unlink(dir + "/" + kSlotManifest));
    SHELFNODE_RETURN_IF_ERROR(fs.fsync_dir(dir));
    SHELFNODE_RETURN_IF_ERROR(remove_tree(fs, dir));
  }
  SHELFNODE_RETURN_IF_ERROR(fs.mkdir(dir, 0755));
  return fs.fsync_dir(root.dir);
}

Status fill_slot(FsOps& fs, const InstallRoot& root, const std::string& slot,
                 const std::string& bundle_dir, const Manifest& manifest) {
  const std::string dir = root.slot_dir(slot);
  std::set<std::string> made_dirs;
  for (const ManifestFile& f : manifest.files) {
    SHELFNODE_RETURN_IF_ERROR(copy_listed_file(fs, bundle_dir, dir, f, made_dirs));
  }
  // Deepest first, so each folder's own entry in its parent is synced after its contents.
  for (auto it = made_dirs.rbegin(); it != made_dirs.rend(); ++it) {
    SHELFNODE_RETURN_IF_ERROR(fs.fsync_dir(*it));
  }
  SHELFNODE_RETURN_IF_ERROR(fs.fsync_dir(dir));
  return write_file_durably(fs, dir + "/" + kSlotManifest, slot_manifest_text(manifest), 0644);
}

}  // namespace

Status record_refusal(FsOps& fs, const InstallRoot& root, const Clock& clock,
                      const std::string& bundle_dir, const Status& status) {
  const std::string code = refusal_code_of(status);
  if (!code.empty()) {
    // A refusal that cannot be recorded is still the answer; the write error is secondary.
    (void)write_last_refusal(fs, root,
                             LastRefusal{code, status.message(), bundle_dir, clock.now_ms()});
  }
  return status;
}

namespace {

// What runs now: the OTA state, the slot `current` names, and its version.
struct Running {
  OtaState state;
  std::string slot;
  Semver version;
};

Result<Running> read_running(const InstallRoot& root) {
  Result<OtaState> state = read_state(root);
  if (!state.ok()) {
    return state.status().with_context(
        "cannot read the OTA state (`shelfnode ota boot-check` sets it right)");
  }
  Result<std::string> current = current_slot(root);
  if (!current.ok()) {
    return config_error(current.status().message() +
                        ": run `shelfnode ota boot-check` to repair it");
  }
  const SlotInfo running = inspect_slot(root, *current);
  if (!running.complete) {
    return config_error(running.problem + ": run `shelfnode ota boot-check` to repair it");
  }
  if (!running.version) {
    return config_error(root.slot_dir(kFactorySlot) + "/" + kFactoryVersionFile +
                        " is missing or not a version, so the installed version is unknown: "
                        "reinstall the shelfnode package");
  }
  return Running{std::move(*state), *current, *running.version};
}

}  // namespace

Result<DeviceVersions> installed_versions(const InstallRoot& root) {
  Result<Running> running = read_running(root);
  if (!running.ok()) return running.status();
  DeviceVersions device;
  device.installed = running->version;
  device.floor = running->state.floor;
  return device;
}

Result<InstallReport> install_bundle(FsOps& fs, const InstallRoot& root,
                                     const std::string& keys_dir, const Clock& clock,
                                     const std::string& bundle_dir) {
  Result<OtaLock> lock = OtaLock::acquire(root, OtaLock::Wait::kNo);
  if (!lock.ok()) return lock.status();
  Result<Running> now = read_running(root);
  if (!now.ok()) return now.status();
  OtaState& state = now->state;
  const std::string& current = now->slot;
  if (state.trial && state.trial->slot == current) {
    return conflict("slot " + current + " (" + state.trial->version.to_string() +
                    ") is still in trial: `shelfnode ota mark-good` keeps it, `shelfnode ota "
                    "rollback` leaves it; then install again");
  }
  Result<TrustedKeys> keys = TrustedKeys::load(keys_dir);
  if (!keys.ok()) return record_refusal(fs, root, clock, bundle_dir, keys.status());
  DeviceVersions device;
  device.installed = now->version;
  device.floor = state.floor;
  Result<VerifiedBundle> bundle = verify_bundle(bundle_dir, *keys, device, clock);
  if (!bundle.ok()) return record_refusal(fs, root, clock, bundle_dir, bundle.status());

  if (!lists_program(bundle->manifest)) {
    return record_refusal(fs, root, clock, bundle_dir,
                          refuse(Refusal::kFileMissing,
                                 std::string("the bundle has no ") + kSlotProgram +
                                     ", the program the service runs from a slot: it would never "
                                     "start; build the bundle from a whole install tree"));
  }
  const std::string target = inactive_slot(current, state);
  if (state.previous_good == target) {
    // That way back is about to be overwritten: say so before it is.
    state.previous_good.clear();
    SHELFNODE_RETURN_IF_ERROR(write_state(fs, root, state));
  }
  SHELFNODE_RETURN_IF_ERROR(wipe_slot(fs, root, target));
  Status filled = fill_slot(fs, root, target, bundle_dir, bundle->manifest);
  if (!filled.ok()) {
    // The slot is not `current` and has no manifest: harmless as it is, but not left full.
    (void)remove_tree(fs, root.slot_dir(target));
    return record_refusal(fs, root, clock, bundle_dir, filled);
  }
  // The trial is recorded before `current` moves: stopped in between, the boot check finds a
  // trial for a slot `current` does not name and forgets it.
  state.trial = Trial{target, current, bundle->manifest.version, kBootBudget, clock.now_ms(), ""};
  SHELFNODE_RETURN_IF_ERROR(write_state(fs, root, state));
  SHELFNODE_RETURN_IF_ERROR(switch_current(fs, root, target));
  return InstallReport{target, current, bundle->manifest.version, now->version, bundle->key_file};
}

}  // namespace shelfnode::ota
