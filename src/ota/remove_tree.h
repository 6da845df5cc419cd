#pragma once

#include <string>

#include "shelfnode/core/status.h"

namespace shelfnode::ota {

// Removes `path` and everything below it without following a link (a symlink inside is
// removed, never what it points at). A missing path is fine.
Status remove_tree(const std::string& path);

}  // namespace shelfnode::ota
