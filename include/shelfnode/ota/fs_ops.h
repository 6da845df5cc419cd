#pragma once

#include <sys/types.h>

#include <cstddef>
#include <string>
#include <vector>

#include "shelfnode/core/result.h"
#include "shelfnode/platform/unique_fd.h"

namespace shelfnode::ota {

// Every step by which the installer, the boot check and rollback change the install root:
// each write, fsync, rename, link and removal goes through one of these calls, so a test can
// stop the sequence after any step (a power cut at that instant) and check what a reboot finds
// (tests/fault/ota). Reads go straight to the system: they change nothing a power cut could
// leave half done. Errors are kIo naming the path and the OS error.
class FsOps {
 public:
  virtual ~FsOps() = default;

  // A new file (O_EXCL, never through a symlink) with `mode`, open for writing.
  virtual Result<platform::UniqueFd> create(const std::string& path, mode_t mode) = 0;
  // All of `size` bytes, or an error.
  virtual Status write(int fd, const void* data, std::size_t size, const std::string& path) = 0;
  virtual Status fsync(int fd, const std::string& path) = 0;
  // Opens the directory and fsyncs it, so the names created, renamed or removed in it last.
  virtual Status fsync_dir(const std::string& dir) = 0;
  virtual Status mkdir(const std::string& path, mode_t mode) = 0;
  virtual Status rename(const std::string& from, const std::string& to) = 0;
  virtual Status symlink(const std::string& target, const std::string& link_path) = 0;
  // A missing path is not an error for these two: removal is idempotent, so an interrupted
  // removal can simply be run again.
  virtual Status unlink(const std::string& path) = 0;
  virtual Status rmdir(const std::string& path) = 0;
};

// The one that does the real system calls.
FsOps& system_fs();

// Replaces `path` with `content` through `fs` so that a power cut at any step leaves the old
// file or the new one: `path`.tmp written and fsynced, renamed over `path`, directory fsynced.
Status write_file_durably(FsOps& fs, const std::string& path, const std::string& content,
                          mode_t mode);

// The names in directory `path` but "." and "..", in the order readdir() gives them. Not
// opening it, or not reading it to the end, is a kIo error naming the path and the OS error:
// readdir() ends a listing and fails alike, only errno tells them apart (a 32-bit build
// without 64-bit offsets gets EOVERFLOW mid-listing).
Result<std::vector<std::string>> list_directory(const std::string& path);

// Removes a tree (files, then their directories, deepest first) without following links.
Status remove_tree(FsOps& fs, const std::string& path);

// `mkdir -p` (0755 for each folder made), for staging folders that need no fsync: what is
// in them is checked again before use. Not std::filesystem, whose error reporting brings the
// C++ runtime's iostreams into the binary.
Status make_dirs(const std::string& path);

}  // namespace shelfnode::ota
