#pragma once

#include <sys/types.h>

#include <string>
#include <string_view>

#include "shelfnode/core/status.h"

namespace shelfnode {

// Replaces `path` with `content` so that a power cut leaves either the old file or the new
// one, never a mix: temp file, fsync, rename, fsync of the directory.
Status write_file_atomically(const std::string& path, std::string_view content, mode_t mode);

// fsyncs a file, then the directory that holds it: after a power cut the file is there, whole.
Status sync_file_and_dir(const std::string& path);

// Renames `from` to `to` (same directory) and fsyncs the directory, so the rename is durable.
Status rename_durably(const std::string& from, const std::string& to);

}  // namespace shelfnode
