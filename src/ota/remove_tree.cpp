#include "remove_tree.h"

#include <ftw.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "shelfnode/core/printable.h"

namespace shelfnode::ota {
namespace {

int remove_one(const char* path, const struct stat*, int, struct FTW*) {
  return std::remove(path) == 0 || errno == ENOENT ? 0 : -1;
}

}  // namespace

Status remove_tree(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return Status::Ok();
    return io_error("cannot remove " + printable(path) + ": " + std::strerror(errno));
  }
  // FTW_PHYS: links are entries, not paths to walk; FTW_DEPTH: contents before their folder.
  if (::nftw(path.c_str(), remove_one, 16, FTW_DEPTH | FTW_PHYS) != 0) {
    return io_error("cannot remove " + printable(path) + ": " + std::strerror(errno));
  }
  return Status::Ok();
}

}  // namespace shelfnode::ota
