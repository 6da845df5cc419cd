#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "remove_tree.h"
#include "shelfnode/core/printable.h"
#include "shelfnode/core/write_fully.h"
#include "shelfnode/ota/bundle_tar.h"
#include "shelfnode/ota/refusal.h"
#include "shelfnode/platform/unique_fd.h"
#include "tar_reader.h"

namespace shelfnode::ota {
namespace {

constexpr std::size_t kChunkBytes = 64 * 1024;

Status io_failure(const std::string& what, const std::string& path) {
  return io_error("cannot " + what + " " + printable(path) + ": " + std::strerror(errno));
}

class FileSource final : public ByteSource {
 public:
  FileSource(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  Result<std::size_t> read(unsigned char* data, std::size_t size) override {
    for (;;) {
      const ssize_t n = ::read(fd_, data, size);
      if (n >= 0) return static_cast<std::size_t>(n);
      if (errno != EINTR) return io_failure("read", path_);
    }
  }

 private:
  int fd_;
  std::string path_;
};

// The folder that holds `path` (relative to `root`), made on the way where missing. Every
// step is opened with O_NOFOLLOW|O_DIRECTORY relative to the one before, so nothing that is
// not a real folder inside `root` is ever entered.
Result<platform::UniqueFd> open_parent(int root, const std::string& path, std::string& leaf) {
  platform::UniqueFd dir(::fcntl(root, F_DUPFD_CLOEXEC, 0));
  if (!dir.valid()) return io_failure("open", path);
  std::size_t start = 0;
  for (std::size_t slash = path.find('/'); slash != std::string::npos;
       slash = path.find('/', start)) {
    const std::string step = path.substr(start, slash - start);
    if (::mkdirat(dir.get(), step.c_str(), 0755) != 0 && errno != EEXIST) {
      return io_failure("create the folder for", path);
    }
    platform::UniqueFd next(
        ::openat(dir.get(), step.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!next.valid()) {
      if (errno == ENOTDIR || errno == ELOOP) {
        return refuse(Refusal::kTarMalformed,
                      "'" + printable(path) + "' is below something that is not a folder");
      }
      return io_failure("open the folder for", path);
    }
    dir = std::move(next);
    start = slash + 1;
  }
  leaf = path.substr(start);
  return dir;
}

Status extract(TarReader& reader, int root, UnpackStats& stats) {
  std::vector<unsigned char> chunk(kChunkBytes);
  for (;;) {
    Result<std::optional<TarEntry>> next = reader.next();
    if (!next.ok()) return next.status();
    if (!next->has_value()) return Status::Ok();
    const TarEntry& entry = **next;
    std::string leaf;
    Result<platform::UniqueFd> parent = open_parent(root, entry.path, leaf);
    if (!parent.ok()) return parent.status();
    if (entry.type == TarEntry::Type::kFolder) {
      // Already there when an earlier entry was inside it; the reader refused a second
      // entry of the same name.
      if (::mkdirat(parent->get(), leaf.c_str(), 0755) != 0 && errno != EEXIST) {
        return io_failure("create", entry.path);
      }
      ++stats.folders;
      continue;
    }
    // O_EXCL: never into something already there, a link included.
    platform::UniqueFd out(::openat(parent->get(), leaf.c_str(),
                                    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                                    entry.executable ? 0755 : 0644));
    if (!out.valid()) {
      if (errno == EEXIST) {
        return refuse(Refusal::kTarMalformed,
                      "'" + printable(entry.path) + "' is there already (as a folder)");
      }
      return io_failure("create", entry.path);
    }
    for (;;) {
      Result<std::size_t> n = reader.read_data(chunk.data(), chunk.size());
      if (!n.ok()) return n.status();
      if (*n == 0) break;
      if (!write_fully(out.get(), chunk.data(), *n)) return io_failure("write", entry.path);
      stats.bytes += *n;
    }
    ++stats.files;
  }
}

}  // namespace

Result<UnpackStats> unpack_bundle_tar(const std::string& tar_path, const std::string& dest_dir,
                                      const TarLimits& limits) {
  platform::UniqueFd tar(::open(tar_path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY));
  if (!tar.valid()) return io_failure("open", tar_path);
  if (::mkdir(dest_dir.c_str(), 0700) != 0) {
    if (errno == EEXIST) {
      return io_error(printable(dest_dir) +
                      " exists already: a bundle tar is unpacked only into a new folder");
    }
    return io_failure("create", dest_dir);
  }
  platform::UniqueFd root(
      ::open(dest_dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (!root.valid()) return io_failure("open", dest_dir);
  FileSource source(tar.get(), tar_path);
  TarReader reader(source, limits);
  UnpackStats stats;
  const Status s = extract(reader, root.get(), stats);
  if (!s.ok()) {
    root.reset();
    (void)remove_tree(dest_dir);
    return s;
  }
  return stats;
}

}  // namespace shelfnode::ota
