#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "bundle_tree.h"
#include "sha256.h"
#include "shelfnode/core/printable.h"
#include "shelfnode/ota/refusal.h"
#include "shelfnode/platform/unique_fd.h"

namespace shelfnode::ota {
namespace {

// One read's worth: the only memory hashing a file of any size takes.
constexpr std::size_t kChunkBytes = 64 * 1024;

Status unreadable(const std::string& path) {
  return refuse(Refusal::kBundleUnreadable,
                "cannot read " + printable(path) + ": " + std::strerror(errno));
}

Status size_differs(const ManifestFile& file, std::uint64_t actual) {
  return refuse(Refusal::kSizeMismatch, printable(file.path) + " has " + std::to_string(actual) +
                                            " bytes, the manifest says " +
                                            std::to_string(file.size) +
                                            ": the copy is damaged or incomplete; copy the "
                                            "bundle again");
}

}  // namespace

Status check_listed_file(const std::string& bundle_dir, const ManifestFile& file) {
  const std::string path = bundle_dir + "/" + file.path;
  platform::UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NOFOLLOW));
  if (fd.get() < 0) {
    if (errno == ENOENT || errno == ENOTDIR) {
      return refuse(Refusal::kFileMissing,
                    printable(file.path) +
                        " is listed in the manifest but not in the bundle: copy the whole "
                        "bundle folder");
    }
    if (errno == ELOOP) {
      return refuse(Refusal::kLinkInBundle, printable(file.path) + " is a symbolic link");
    }
    return unreadable(path);
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return unreadable(path);
  if (!S_ISREG(st.st_mode)) {
    return refuse(Refusal::kLinkInBundle, printable(file.path) + " is not a regular file");
  }
  // The size first: a cheap refusal, and no file is hashed past what the manifest declares.
  if (static_cast<std::uint64_t>(st.st_size) != file.size) {
    return size_differs(file, static_cast<std::uint64_t>(st.st_size));
  }
  Sha256 hash;
  std::vector<unsigned char> chunk(kChunkBytes);
  std::uint64_t total = 0;
  for (;;) {
    const ssize_t n = ::read(fd.get(), chunk.data(), chunk.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return unreadable(path);
    if (n == 0) break;
    total += static_cast<std::uint64_t>(n);
    // Grown while being read: refuse now rather than hash without bound.
    if (total > file.size) return size_differs(file, total);
    SHELFNODE_RETURN_IF_ERROR(hash.update(chunk.data(), static_cast<std::size_t>(n)));
  }
  if (total != file.size) return size_differs(file, total);
  Sha256Digest digest{};
  SHELFNODE_RETURN_IF_ERROR(hash.finish(digest));
  const std::string actual = to_hex(digest);
  if (actual != file.sha256) {
    return refuse(Refusal::kHashMismatch,
                  printable(file.path) + " has sha256 " + actual + ", the manifest says " +
                      file.sha256 + ": the file was changed or damaged; copy the bundle again");
  }
  return Status::Ok();
}

}  // namespace shelfnode::ota
