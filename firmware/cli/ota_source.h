#pragma once

#include <string>

#include "shelfnode/core/clock.h"
#include "shelfnode/core/result.h"
#include "shelfnode/ota/install_root.h"

namespace shelfnode::cli {

struct BundleSourceContext {
  ota::InstallRoot root;
  std::string keys_dir;  // the trust store a fetched manifest is checked against first
  std::string ca_file;   // for an https source: the CA its certificate must chain to ("" = system)
  const Clock* clock = nullptr;
};

// The bundle folder `ota install SRC` installs from:
//  - a folder: itself;
//  - a bundle tar (`tools/ota-bundle.sh --tar`): unpacked strictly into ROOT/ota/unpacked;
//  - an https URL of a bundle folder or of a tar: fetched resumably into ROOT/ota/download
//    (a second run after a cut resumes), its signed manifest checked before any listed file
//    is requested.
// A refusal on the way (a bad signature, an unsafe tar, a hash mismatch) is kept for
// `ota status` as install's own are.
Result<std::string> bundle_folder_for(const std::string& source,
                                      const BundleSourceContext& context);

}  // namespace shelfnode::cli
