#pragma once

#include <cstddef>
#include <string>

#include "shelfnode/core/result.h"

namespace shelfnode::ota {

// What was at a path, for the callers that must tell "missing" and "a link" apart from a
// read error: each is a different refusal.
enum class FileKind { kMissing, kRegular, kLink, kNotRegular, kTooLarge };

struct SmallFile {
  FileKind kind = FileKind::kMissing;
  std::string bytes;  // only for kRegular
};

enum class Links { kFollow, kRefuse };

// Reads a whole file of at most `max_bytes` (a manifest, a signature, a key): memory stays
// bounded whatever is at the path. With Links::kRefuse a symlink is reported as kLink and
// never opened through. kIo only for a failure to open or read something that is there.
Result<SmallFile> read_small_file(const std::string& path, std::size_t max_bytes, Links links);

}  // namespace shelfnode::ota
