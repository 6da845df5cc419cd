#pragma once

#include <string>

#include "shelfnode/core/result.h"

namespace shelfnode::cli {

// The bundle folder `ota install SRC` installs from. SRC is a folder today; a URL or a .tar
// file is a usage error (64) that says so, until their readers turn them into a folder here.
Result<std::string> bundle_folder_for(const std::string& source);

}  // namespace shelfnode::cli
