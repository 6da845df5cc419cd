#pragma once

#include <optional>
#include <string>

#include "shelfnode/core/result.h"
#include "shelfnode/ota/fs_ops.h"
#include "shelfnode/ota/manifest.h"
#include "shelfnode/ota/semver.h"

namespace shelfnode::ota {

// The on-device layout (src/ota/README.md, "The install root"):
//   ROOT/factory/   the tree the Debian package ships (read-only to OTA), with VERSION
//   ROOT/a/, ROOT/b/ trees installed over the air, each with the manifest it came with
//   ROOT/current    relative symlink to factory, a or b, switched by rename(2)
//   ROOT/ota/       state outside the slots (state.json, last-refusal.json, hawkbit.json)
struct InstallRoot {
  std::string dir;  // "/opt/shelfnode"

  std::string slot_dir(const std::string& slot) const { return dir + "/" + slot; }
  std::string current() const { return dir + "/current"; }
  std::string ota_dir() const { return dir + "/ota"; }
  std::string state() const { return ota_dir() + "/state.json"; }
  std::string last_refusal() const { return ota_dir() + "/last-refusal.json"; }
  std::string hawkbit() const { return ota_dir() + "/hawkbit.json"; }
};

inline constexpr const char* kDefaultInstallRoot = "/opt/shelfnode";
inline constexpr const char* kFactorySlot = "factory";
// The factory tree's version, one line, as `shelfnode --version` prints it after the name.
inline constexpr const char* kFactoryVersionFile = "VERSION";
// What the unit runs from a slot (ROOT/current/bin/shelfnode): a slot without it is not whole.
inline constexpr const char* kSlotProgram = "bin/shelfnode";
// An OTA slot's commit record: written last when it is installed, removed first when it is
// wiped, so a slot that has one is complete.
inline constexpr const char* kSlotManifest = "manifest.json";

// --install-root, else $SHELFNODE_INSTALL_ROOT, else /opt/shelfnode.
InstallRoot install_root_from(const std::string& option);

bool is_slot_name(const std::string& name);  // factory, a or b

// What a slot holds, as far as the boot check needs to know: it is complete (factory: its
// bin/shelfnode is there; a or b: its manifest parses, lists bin/shelfnode, and every file
// it lists is there with its size), and its version.
struct SlotInfo {
  std::string name;
  bool complete = false;
  std::string problem;               // why it is not complete, for messages
  std::optional<Semver> version;     // none when unknown (factory without VERSION)
  std::optional<Manifest> manifest;  // a and b only
};
SlotInfo inspect_slot(const InstallRoot& root, const std::string& slot);

// The slot `current` names: kNotFound when there is no `current` or it names something else
// than factory, a or b (it is then repaired by the boot check).
Result<std::string> current_slot(const InstallRoot& root);

// Points `current` at `slot` durably: a new link at current.tmp, renamed over `current`
// (atomic: a reader sees the old target or the new one), then the root fsynced.
Status switch_current(FsOps& fs, const InstallRoot& root, const std::string& slot);

}  // namespace shelfnode::ota
