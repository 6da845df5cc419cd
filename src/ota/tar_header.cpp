#include <cstring>
#include <string>
#include <string_view>

#include "shelfnode/core/printable.h"
#include "shelfnode/ota/manifest.h"
#include "shelfnode/ota/refusal.h"
#include "tar_reader.h"

namespace shelfnode::ota {
namespace {

// Offsets of the POSIX ustar header (IEEE Std 1003.1, pax "ustar Interchange Format").
struct Field {
  std::size_t at;
  std::size_t size;
};
constexpr Field kName{0, 100};
constexpr Field kMode{100, 8};
constexpr Field kUid{108, 8};
constexpr Field kGid{116, 8};
constexpr Field kSize{124, 12};
constexpr Field kMtime{136, 12};
constexpr Field kChecksum{148, 8};
constexpr std::size_t kTypeAt = 156;
constexpr Field kLinkName{157, 100};
constexpr Field kMagic{257, 6};
constexpr Field kVersion{263, 2};
constexpr Field kPrefix{345, 155};

Status malformed(const std::string& why) {
  return refuse(Refusal::kTarMalformed, why);
}

std::string_view text_of(const TarBlock& b, Field f) {
  const auto* start = reinterpret_cast<const char*>(b.data() + f.at);
  const void* nul = std::memchr(start, '\0', f.size);
  return {start, nul == nullptr ? f.size
                                : static_cast<std::size_t>(static_cast<const char*>(nul) - start)};
}

// An octal number field as ustar writers make it: optional leading spaces, octal digits,
// then only NULs or spaces. The base-256 form (high bit set) is GNU's, for values ustar
// cannot hold: refused with the rest.
std::optional<std::uint64_t> octal_of(const TarBlock& b, Field f) {
  std::size_t i = 0;
  const unsigned char* p = b.data() + f.at;
  while (i < f.size && p[i] == ' ') ++i;
  std::uint64_t value = 0;
  std::size_t digits = 0;
  while (i < f.size && p[i] >= '0' && p[i] <= '7') {
    value = value * 8 + static_cast<std::uint64_t>(p[i] - '0');
    ++i;
    ++digits;
  }
  if (digits == 0) return std::nullopt;
  for (; i < f.size; ++i) {
    if (p[i] != '\0' && p[i] != ' ') return std::nullopt;
  }
  return value;
}

Status type_refusal(char type) {
  switch (type) {
    case '1':
      return refuse(Refusal::kLinkInBundle, "a hard link");
    case '2':
      return refuse(Refusal::kLinkInBundle, "a symbolic link");
    case '3':
      return refuse(Refusal::kLinkInBundle, "a character device");
    case '4':
      return refuse(Refusal::kLinkInBundle, "a block device");
    case '6':
      return refuse(Refusal::kLinkInBundle, "a FIFO");
    case 'g':
      return malformed(
          "a pax global header: make the tar with `tar --format=ustar` (tools/ota-bundle.sh "
          "--tar)");
    case 'L':
    case 'K':
      return malformed("a GNU long-name entry: make the tar with `tar --format=ustar`");
    default:
      break;
  }
  return malformed("an entry of unknown type '" + printable(std::string(1, type)) +
                   "': only files and folders belong in a bundle");
}

// The entry's path from prefix and name, checked.
Result<std::string> path_of(const TarBlock& b, bool folder) {
  std::string path(text_of(b, kName));
  const std::string_view prefix = text_of(b, kPrefix);
  if (!prefix.empty()) path = std::string(prefix) + "/" + path;
  return checked_entry_path(std::move(path), folder);
}

}  // namespace

Result<std::string> checked_entry_path(std::string path, bool folder) {
  if (path.rfind("./", 0) == 0) path.erase(0, 2);
  if (folder && !path.empty() && path.back() == '/') path.pop_back();
  if (folder && (path.empty() || path == ".")) return std::string();
  if (!folder && (path == "manifest.json" || path == "manifest.json.sig")) return path;
  SHELFNODE_RETURN_IF_ERROR(check_bundle_path(path));
  return path;
}

Result<std::optional<std::string>> parse_pax_records(std::string_view records) {
  std::optional<std::string> path;
  while (!records.empty()) {
    std::size_t digits = 0;
    std::size_t length = 0;
    while (digits < records.size() && digits < 6 && records[digits] >= '0' &&
           records[digits] <= '9') {
      length = length * 10 + static_cast<std::size_t>(records[digits] - '0');
      ++digits;
    }
    if (digits == 0 || digits >= records.size() || records[digits] != ' ' || length <= digits + 1 ||
        length > records.size() || records[length - 1] != '\n') {
      return malformed("a pax extended header whose records are not \"LEN key=value\\n\"");
    }
    const std::string_view record = records.substr(digits + 1, length - digits - 2);
    const std::size_t eq = record.find('=');
    if (eq == std::string_view::npos || eq == 0) {
      return malformed("a pax record without key=value");
    }
    const std::string_view key = record.substr(0, eq);
    const std::string_view value = record.substr(eq + 1);
    if (key == "path") {
      if (value.empty() || value.find('\0') != std::string_view::npos) {
        return malformed("a pax path record that is empty or holds a NUL byte");
      }
      path = std::string(value);
    } else if (key != "mtime" && key != "atime" && key != "ctime") {
      return malformed("the pax record '" + printable(key) +
                       "' is not supported in a bundle (only path and times): make the tar "
                       "with `tar --format=ustar` (tools/ota-bundle.sh --tar)");
    }
    records.remove_prefix(length);
  }
  return path;
}

Result<std::optional<TarEntry>> parse_tar_header(const TarBlock& block) {
  bool zero = true;
  for (unsigned char c : block) zero = zero && c == 0;
  if (zero) return std::optional<TarEntry>();

  const std::optional<std::uint64_t> stored = octal_of(block, kChecksum);
  std::uint64_t sum = 0;
  for (std::size_t i = 0; i < kTarBlock; ++i) {
    const bool in_field = i >= kChecksum.at && i < kChecksum.at + kChecksum.size;
    sum += in_field ? ' ' : block[i];
  }
  if (!stored || *stored != sum) {
    return malformed("a header whose checksum does not match (" + std::to_string(sum) +
                     " computed): the tar is damaged or not a tar; download it again");
  }
  if (std::memcmp(block.data() + kMagic.at, "ustar\0", kMagic.size) != 0 ||
      std::memcmp(block.data() + kVersion.at, "00", kVersion.size) != 0) {
    return malformed(
        "a header that is not POSIX ustar (magic \"ustar\\0\" \"00\"): make the tar with "
        "`tar --format=ustar`");
  }
  const char type = static_cast<char>(block[kTypeAt]);
  if (type != '0' && type != '\0' && type != '5' && type != 'x') return type_refusal(type);
  const bool folder = type == '5';
  const bool extended = type == 'x';

  // A pax header's own name ("./PaxHeaders/...") is never used as a path.
  Result<std::string> path = extended ? Result<std::string>(std::string()) : path_of(block, folder);
  if (!path.ok()) return path.status();
  const std::optional<std::uint64_t> size = octal_of(block, kSize);
  const std::optional<std::uint64_t> mode = octal_of(block, kMode);
  if (!size || !mode || !octal_of(block, kUid) || !octal_of(block, kGid) ||
      !octal_of(block, kMtime)) {
    return malformed("'" + printable(*path) +
                     "': a number field (mode, owner, size, time) that is not octal");
  }
  if (!text_of(block, kLinkName).empty()) {
    return malformed("'" + printable(*path) + "': a link name on a file or folder");
  }
  if (folder && *size != 0) {
    return malformed("'" + printable(*path) + "': a folder with " + std::to_string(*size) +
                     " bytes of data");
  }
  TarEntry entry;
  entry.type = extended ? TarEntry::Type::kExtended
               : folder ? TarEntry::Type::kFolder
                        : TarEntry::Type::kFile;
  entry.path = std::move(path).value();
  entry.size = *size;
  entry.executable = (*mode & 0111) != 0;
  return std::optional<TarEntry>(std::move(entry));
}

}  // namespace shelfnode::ota
