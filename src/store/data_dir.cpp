#include "shelfnode/store/data_dir.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace shelfnode::store {
namespace {

Status unwritable(const std::string& what, const std::string& path, int err) {
  return io_error("cannot " + what + " " + path + ": " + std::strerror(err) +
                  "; make the data dir writable by this user (or pass --data-dir)");
}

// mkdir -p for the directories above the data dir (0755: they hold nothing secret).
void make_parents(const std::string& dir) {
  for (std::size_t slash = dir.find('/', 1); slash != std::string::npos;
       slash = dir.find('/', slash + 1)) {
    (void)mkdir(dir.substr(0, slash).c_str(), 0755);
  }
}

}  // namespace

Status ensure_data_dir(const DataDirPaths& paths) {
  if (paths.dir.empty()) return usage_error("no data dir: pass --data-dir DIR");
  if (mkdir(paths.dir.c_str(), 0700) != 0) {
    int err = errno;
    if (err == ENOENT) {  // a parent is missing too (e.g. /srv/shelfnode/data on a new card)
      make_parents(paths.dir);
      err = mkdir(paths.dir.c_str(), 0700) == 0 ? 0 : errno;
    }
    if (err != 0 && err != EEXIST) return unwritable("create", paths.dir, err);
  }
  struct stat st {};
  if (stat(paths.dir.c_str(), &st) != 0) return unwritable("read", paths.dir, errno);
  if (!S_ISDIR(st.st_mode)) {
    return config_error(paths.dir + " exists but is not a directory: pass another --data-dir");
  }
  return Status::Ok();
}

}  // namespace shelfnode::store
