#pragma once

#include <sys/types.h>

#include <string>
#include <string_view>

#include "shelfnode/core/status.h"

namespace shelfnode {

// Replaces `path` with `content` so that a power cut leaves either the old file or the new
// one, never a mix: temp file, fsync, rename, fsync of the directory.
Status write_file_atomically(const std::string& path, std::string_view content, mode_t mode);

}  // namespace shelfnode
