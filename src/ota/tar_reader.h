#pragma once

#include <sys/types.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "shelfnode/core/result.h"
#include "shelfnode/ota/bundle_tar.h"

namespace shelfnode::ota {

inline constexpr std::size_t kTarBlock = 512;
using TarBlock = std::array<unsigned char, kTarBlock>;

struct TarEntry {
  // kExtended: a pax extended header ('x'), whose records apply to the entry after it; only
  // the reader sees it.
  enum class Type { kFile, kFolder, kExtended };
  Type type = Type::kFile;
  std::string path;  // checked: plain relative, no trailing '/', no leading "./"
  std::uint64_t size = 0;
  bool executable = false;  // any x bit in the header's mode
};

// One ustar header block, checked on its own (checksum, magic, octal fields, type, path).
// nullopt for the all-zero block that marks the end; the "." folder of `tar -C dir .` comes
// back as a folder with an empty path, for the reader to skip.
Result<std::optional<TarEntry>> parse_tar_header(const TarBlock& block);

// An entry's path as written (ustar name, or a pax "path" record) made into the checked form
// of TarEntry::path: one leading "./" and a folder's trailing '/' dropped, then the bundle
// path rule (manifest.json and its signature allowed as files). "" for the "." folder.
Result<std::string> checked_entry_path(std::string path, bool folder);

// The records of a pax extended header ("LEN key=value\n" each, POSIX pax). Only what GNU
// tar --format=posix writes for a plain file is accepted: "path" (returned) and the times
// (ignored); any other key (linkpath, size, uid, xattrs, ...) is refused by name.
Result<std::optional<std::string>> parse_pax_records(std::string_view records);

// Where the reader's bytes come from: read() fills up to `size` bytes, 0 only at the end.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  virtual Result<std::size_t> read(unsigned char* data, std::size_t size) = 0;
};

// The archive, entry by entry, with every rule of unpack_bundle_tar that needs no file
// system: limits, duplicates, the end marker and what may follow it.
class TarReader {
 public:
  TarReader(ByteSource& source, TarLimits limits) : source_(source), limits_(limits) {}

  // The next entry (its data unread), or nullopt after the end marker. Unread data of the
  // previous entry is skipped first.
  Result<std::optional<TarEntry>> next();
  // Up to `size` bytes of the current entry's data; 0 at its end.
  Result<std::size_t> read_data(unsigned char* data, std::size_t size);

 private:
  Status read_exact(unsigned char* data, std::size_t size, const char* what);
  Status skip_rest();
  Status check_trailer();
  Status read_extended(const TarEntry& header);

  ByteSource& source_;
  TarLimits limits_;
  std::set<std::string> seen_;     // every entry's path
  std::set<std::string> files_;    // paths of file entries
  std::set<std::string> folders_;  // folders, named or implied by a path inside them
  std::uint64_t total_ = 0;
  std::uint64_t left_ = 0;     // data bytes of the current entry not yet read
  std::uint64_t padding_ = 0;  // after them, to the next block
  std::size_t index_ = 0;      // entries so far, for messages
  bool ended_ = false;
  bool extended_ = false;                // a pax header was read for the next entry
  std::optional<std::string> pax_path_;  // its "path" record
};

}  // namespace shelfnode::ota
