#pragma once

#include <set>
#include <string>

#include "shelfnode/core/status.h"
#include "shelfnode/ota/fs_ops.h"
#include "shelfnode/ota/manifest.h"

namespace shelfnode::ota {

// The mode an installed file gets. Manifest format 1 carries no modes, so the rule is the
// layout's: what is under bin/ is a program (0755), everything else data (0644).
mode_t installed_mode(const std::string& path);

// Copies one listed file from the bundle into `slot_dir` (its parent folders made as needed,
// each recorded in `made_dirs`), hashing the bytes as they are written and fsyncing the copy.
// The bytes installed are the bytes hashed: a file changed after verify_bundle looked at it
// (a USB stick swapped under the reader) is a kHashMismatch or kSizeMismatch refusal.
Status copy_listed_file(FsOps& fs, const std::string& bundle_dir, const std::string& slot_dir,
                        const ManifestFile& file, std::set<std::string>& made_dirs);

// The slot's own manifest (install_root.h kSlotManifest): what it was installed from, for
// the boot check and `ota status`. Written in the format parse_manifest reads.
std::string slot_manifest_text(const Manifest& manifest);

}  // namespace shelfnode::ota
