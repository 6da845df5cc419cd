#pragma once

#include <set>
#include <string>

#include "shelfnode/core/result.h"
#include "shelfnode/ota/manifest.h"

namespace shelfnode::ota {

// Every regular file under the bundle folder, as a path relative to it, except the bundle's
// own manifest.json and manifest.json.sig. Never follows a link: a symlink (or a device, a
// FIFO, a socket) anywhere in the tree is a kLinkInBundle refusal, since what it points at
// is outside what was signed.
Result<std::set<std::string>> list_bundle_files(const std::string& bundle_dir);

// Checks one listed file: a regular file (not a link) whose size and streamed SHA-256 match
// the manifest. Memory stays one chunk whatever the file's size.
Status check_listed_file(const std::string& bundle_dir, const ManifestFile& file);

}  // namespace shelfnode::ota
