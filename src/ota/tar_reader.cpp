#include "tar_reader.h"

#include <algorithm>
#include <string>

#include "shelfnode/core/printable.h"
#include "shelfnode/ota/refusal.h"

namespace shelfnode::ota {
namespace {

// Far above the few records GNU tar writes for one file (a long path and three times).
constexpr std::uint64_t kMaxExtendedBytes = 64 * 1024;

Status malformed(const std::string& why) {
  return refuse(Refusal::kTarMalformed, why);
}

std::string named(std::size_t index, const std::string& path) {
  return "tar entry " + std::to_string(index) + " ('" + printable(path) + "')";
}

}  // namespace

Status TarReader::read_exact(unsigned char* data, std::size_t size, const char* what) {
  std::size_t got = 0;
  while (got < size) {
    Result<std::size_t> n = source_.read(data + got, size - got);
    if (!n.ok()) return n.status();
    if (*n == 0) {
      return malformed(std::string("the tar ends inside ") + what +
                       " (truncated): download it again");
    }
    got += *n;
  }
  return Status::Ok();
}

Status TarReader::skip_rest() {
  unsigned char sink[kTarBlock];
  std::uint64_t skip = left_ + padding_;
  while (skip > 0) {
    const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(skip, sizeof sink));
    SHELFNODE_RETURN_IF_ERROR(read_exact(sink, n, "an entry's data"));
    skip -= n;
  }
  left_ = padding_ = 0;
  return Status::Ok();
}

// After the two zero blocks only more zero blocks may come (tar pads to its record size):
// anything else is data a reader that stopped at the marker would not have seen.
Status TarReader::check_trailer() {
  TarBlock block{};
  for (;;) {
    std::size_t got = 0;
    while (got < kTarBlock) {
      Result<std::size_t> n = source_.read(block.data() + got, kTarBlock - got);
      if (!n.ok()) return n.status();
      if (*n == 0) break;
      got += *n;
    }
    if (got == 0) return Status::Ok();
    if (got < kTarBlock) return malformed("the tar does not end on a 512-byte block");
    if (std::any_of(block.begin(), block.end(), [](unsigned char c) { return c != 0; })) {
      return malformed("data after the tar's end marker");
    }
  }
}

Status TarReader::read_extended(const TarEntry& header) {
  if (extended_) return malformed("two pax extended headers for one entry");
  if (header.size > kMaxExtendedBytes) {
    return malformed("a pax extended header of " + std::to_string(header.size) + " bytes");
  }
  std::string records(static_cast<std::size_t>(header.size), '\0');
  SHELFNODE_RETURN_IF_ERROR(read_exact(reinterpret_cast<unsigned char*>(records.data()),
                                       records.size(), "a pax extended header"));
  left_ = 0;
  padding_ = (kTarBlock - header.size % kTarBlock) % kTarBlock;
  Result<std::optional<std::string>> path = parse_pax_records(records);
  if (!path.ok()) return path.status();
  extended_ = true;
  pax_path_ = std::move(path).value();
  return Status::Ok();
}

Result<std::optional<TarEntry>> TarReader::next() {
  while (!ended_) {
    SHELFNODE_RETURN_IF_ERROR(skip_rest());
    TarBlock block{};
    SHELFNODE_RETURN_IF_ERROR(read_exact(block.data(), block.size(), "a header"));
    Result<std::optional<TarEntry>> parsed = parse_tar_header(block);
    if (!parsed.ok()) {
      return parsed.status().with_context("tar entry " + std::to_string(index_ + 1));
    }
    if (!parsed->has_value()) {
      if (extended_) return malformed("a pax extended header with no entry after it");
      SHELFNODE_RETURN_IF_ERROR(read_exact(block.data(), block.size(), "the end marker"));
      if (std::any_of(block.begin(), block.end(), [](unsigned char c) { return c != 0; })) {
        return malformed("a zero block that is not followed by a second one (the end marker)");
      }
      SHELFNODE_RETURN_IF_ERROR(check_trailer());
      ended_ = true;
      break;
    }
    TarEntry entry = std::move(parsed).value().value();
    if (entry.type == TarEntry::Type::kExtended) {
      const Status s = read_extended(entry);
      if (!s.ok()) return s.with_context("tar entry " + std::to_string(index_ + 1));
      continue;
    }
    if (extended_) {
      extended_ = false;
      if (pax_path_) {
        Result<std::string> path =
            checked_entry_path(*pax_path_, entry.type == TarEntry::Type::kFolder);
        pax_path_.reset();
        if (!path.ok())
          return path.status().with_context("tar entry " + std::to_string(index_ + 1));
        entry.path = std::move(path).value();
      }
    }
    if (entry.path.empty()) continue;  // the "." of `tar -C dir .`
    ++index_;
    const std::string name = named(index_, entry.path);
    if (index_ > limits_.max_entries) {
      return refuse(Refusal::kTooLarge,
                    "the tar has more than " + std::to_string(limits_.max_entries) + " entries");
    }
    if (entry.size > limits_.max_entry_bytes) {
      return refuse(Refusal::kTooLarge, name + " has " + std::to_string(entry.size) +
                                            " bytes, more than the cap of " +
                                            std::to_string(limits_.max_entry_bytes));
    }
    total_ += entry.size;
    if (total_ > limits_.max_total_bytes) {
      return refuse(Refusal::kTooLarge, "the tar holds more than the cap of " +
                                            std::to_string(limits_.max_total_bytes) + " bytes");
    }
    if (!seen_.insert(entry.path).second) return malformed(name + " appears twice");
    // Each folder above the entry must not be a file, and a file must not be a folder
    // another entry is inside of: either way one name would mean two things.
    for (std::size_t slash = entry.path.find('/'); slash != std::string::npos;
         slash = entry.path.find('/', slash + 1)) {
      const std::string above = entry.path.substr(0, slash);
      if (files_.count(above) != 0) {
        return malformed(name + " is inside '" + printable(above) + "', which is a file");
      }
      folders_.insert(above);
    }
    if (entry.type == TarEntry::Type::kFile) {
      if (folders_.count(entry.path) != 0) {
        return malformed(name + " is a file, and other entries are inside it");
      }
      files_.insert(entry.path);
    } else {
      folders_.insert(entry.path);
    }
    left_ = entry.size;
    padding_ = (kTarBlock - entry.size % kTarBlock) % kTarBlock;
    return std::optional<TarEntry>(std::move(entry));
  }
  return std::optional<TarEntry>();
}

Result<std::size_t> TarReader::read_data(unsigned char* data, std::size_t size) {
  const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(left_, size));
  if (n == 0) return std::size_t{0};
  SHELFNODE_RETURN_IF_ERROR(read_exact(data, n, "an entry's data"));
  left_ -= n;
  return n;
}

}  // namespace shelfnode::ota
