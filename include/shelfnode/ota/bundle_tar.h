#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "shelfnode/core/result.h"

namespace shelfnode::ota {

// Bounds on what one tar may hold, so a hostile archive cannot fill the disk or the memory
// the reader keeps (one path per entry, for the duplicate check).
struct TarLimits {
  std::uint64_t max_entry_bytes = 1ull << 30;
  std::uint64_t max_total_bytes = 2ull << 30;
  std::size_t max_entries = 10'000;
};

struct UnpackStats {
  std::size_t files = 0;
  std::size_t folders = 0;
  std::uint64_t bytes = 0;
};

// Unpacks a bundle tar (what `tar --format=ustar` makes of a bundle folder, e.g.
// `tools/ota-bundle.sh --tar`, or `--format=posix`: pax headers with a path and times only)
// into `dest_dir`, which must not exist yet: it is created
// (0700) and everything lands inside it. Only regular files and folders; each entry's path
// must be plain (relative, no "..", ".", empty component, backslash or control character;
// one leading "./" is allowed). Refused, with the entry and the reason: a symlink, hard link,
// device, FIFO or any other type (link_in_bundle); an unsafe path (path_unsafe); a bad header
// checksum, a number field that is not octal, GNU extensions, a pax header with another
// record than path/mtime/atime/ctime, a duplicate entry, a file
// where a folder is needed, data past the end marker, a truncated archive (tar_malformed); an
// entry or a total past `limits` (too_large). Files are created with O_EXCL|O_NOFOLLOW below
// folders opened with O_NOFOLLOW, so no link is ever followed. On any refusal `dest_dir` is
// removed again: nothing half unpacked stays.
Result<UnpackStats> unpack_bundle_tar(const std::string& tar_path, const std::string& dest_dir,
                                      const TarLimits& limits = {});

}  // namespace shelfnode::ota
