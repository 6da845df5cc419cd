// A bundle tar as a hostile server could send it, through TarReader (every rule of
// unpack_bundle_tar that needs no file system), and its first block through
// parse_tar_header. Invariants: a refusal is one of the tar's codes with a message; an
// accepted entry has a plain path (or is the manifest or its signature), appears once, is
// not below a file, stays within the limits, and yields exactly its size in data; the reader
// never asks for a byte past the input and stops for good after the end marker.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <set>
#include <string>

#include "fuzz_check.h"
#include "ota/tar_reader.h"
#include "shelfnode/ota/manifest.h"
#include "shelfnode/ota/refusal.h"

namespace shelfnode::fuzz {
namespace {

class MemorySource final : public ota::ByteSource {
 public:
  MemorySource(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  Result<std::size_t> read(unsigned char* out, std::size_t size) override {
    const std::size_t n = std::min(size, size_ - at_);
    if (n > 0) std::memcpy(out, data_ + at_, n);
    at_ += n;
    return n;
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t at_ = 0;
};

void check_refusal(const Status& s) {
  const std::string code = ota::refusal_code_of(s);
  FUZZ_CHECK(code == "tar_malformed" || code == "path_unsafe" || code == "link_in_bundle" ||
             code == "too_large");
  FUZZ_CHECK(s.code() == Code::kBadData);
  FUZZ_CHECK_MESSAGE(s);
}

void check_path(const ota::TarEntry& e) {
  FUZZ_CHECK(!e.path.empty());
  const bool own = e.type == ota::TarEntry::Type::kFile &&
                   (e.path == "manifest.json" || e.path == "manifest.json.sig");
  FUZZ_CHECK(own || ota::check_bundle_path(e.path).ok());
  FUZZ_CHECK(e.type == ota::TarEntry::Type::kFile || e.size == 0);
}

void check_reader(const std::uint8_t* data, std::size_t size) {
  MemorySource source(data, size);
  ota::TarLimits limits;
  limits.max_entry_bytes = 64 * 1024;
  limits.max_total_bytes = 128 * 1024;
  limits.max_entries = 64;
  ota::TarReader reader(source, limits);
  std::set<std::string> seen, files;
  std::uint64_t total = 0;
  unsigned char chunk[700];  // not a multiple of the block size
  for (;;) {
    Result<std::optional<ota::TarEntry>> next = reader.next();
    if (!next.ok()) {
      check_refusal(next.status());
      return;
    }
    if (!next->has_value()) break;
    const ota::TarEntry& e = **next;
    check_path(e);
    FUZZ_CHECK(seen.insert(e.path).second);
    FUZZ_CHECK(e.size <= limits.max_entry_bytes);
    total += e.size;
    FUZZ_CHECK(total <= limits.max_total_bytes);
    FUZZ_CHECK(seen.size() <= limits.max_entries);
    for (std::size_t slash = e.path.find('/'); slash != std::string::npos;
         slash = e.path.find('/', slash + 1)) {
      FUZZ_CHECK(files.count(e.path.substr(0, slash)) == 0);
    }
    if (e.type == ota::TarEntry::Type::kFile) files.insert(e.path);
    std::uint64_t got = 0;
    for (;;) {
      Result<std::size_t> n = reader.read_data(chunk, sizeof chunk);
      if (!n.ok()) {
        check_refusal(n.status());
        return;
      }
      if (*n == 0) break;
      got += *n;
    }
    FUZZ_CHECK(got == e.size);
  }
  // After the end marker the reader stays ended.
  Result<std::optional<ota::TarEntry>> again = reader.next();
  FUZZ_CHECK(again.ok() && !again->has_value());
}

void check_header(const std::uint8_t* data, std::size_t size) {
  if (size < ota::kTarBlock) return;
  ota::TarBlock block{};
  std::memcpy(block.data(), data, block.size());
  Result<std::optional<ota::TarEntry>> h = ota::parse_tar_header(block);
  if (!h.ok()) {
    check_refusal(h.status());
    return;
  }
  if (h->has_value() && !(*h)->path.empty()) check_path(**h);
}

}  // namespace
}  // namespace shelfnode::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  shelfnode::fuzz::check_reader(data, size);
  shelfnode::fuzz::check_header(data, size);
  return 0;
}
