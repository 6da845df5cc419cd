#pragma once

#include <string>

#include "shelfnode/core/clock.h"
#include "shelfnode/core/result.h"
#include "shelfnode/ota/fs_ops.h"
#include "shelfnode/ota/install_root.h"
#include "shelfnode/ota/semver.h"
#include "shelfnode/ota/verify_bundle.h"

namespace shelfnode::ota {

struct InstallReport {
  std::string slot;      // a or b: where it went, now `current`, in trial
  std::string previous;  // what `current` named before
  Semver version;
  Semver replaced;       // the version that was running
  std::string key_file;  // the trusted key that signed it
};

// Installs the bundle folder `bundle_dir` into the slot `current` does not name:
//  1. checks it with verify_bundle against the keys in `keys_dir`, the running slot's version
//     and the stored floor (a refusal is kept in ROOT/ota/last-refusal.json);
//  2. wipes the inactive slot (its manifest first, so a half-wiped slot never looks whole);
//  3. copies each listed file in, hashing while copying, fsyncing files and folders;
//  4. writes the slot's manifest (its commit record) last;
//  5. records the trial (budget kBootBudget) in ROOT/ota/state.json;
//  6. switches `current` to it.
// Every change goes through `fs`; stopped after any step, the next boot check finds a whole
// slot behind `current`, the old or the new. A slot already in trial is kConflict: it must be
// marked good or rolled back first.
Result<InstallReport> install_bundle(FsOps& fs, const InstallRoot& root,
                                     const std::string& keys_dir, const Clock& clock,
                                     const std::string& bundle_dir);

// The running slot's version and the stored floor: what a bundle is checked against before
// any of it is fetched (fetch_bundle) or installed. kConfig when `current` or the state needs
// the boot check to repair it.
Result<DeviceVersions> installed_versions(const InstallRoot& root);

// Keeps a refusal (a Status carrying a refusal code) in ROOT/ota/last-refusal.json for
// `ota status`, with `source` (the folder, file or URL it came from); other errors are
// returned as they are and not kept. Returns `status`.
Status record_refusal(FsOps& fs, const InstallRoot& root, const Clock& clock,
                      const std::string& source, const Status& status);

}  // namespace shelfnode::ota
