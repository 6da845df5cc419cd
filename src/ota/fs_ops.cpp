#include "shelfnode/ota/fs_ops.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <vector>

#include "shelfnode/core/printable.h"
#include "shelfnode/core/write_fully.h"

namespace shelfnode::ota {
namespace {

Status os_error(const std::string& what, const std::string& path) {
  return io_error(what + " " + printable(path) + ": " + std::strerror(errno));
}

class SystemFs final : public FsOps {
 public:
  Result<platform::UniqueFd> create(const std::string& path, mode_t mode) override {
    platform::UniqueFd fd(
        ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode));
    if (!fd.valid()) return os_error("cannot create", path);
    // The umask must not take the executable bit off a binary.
    if (::fchmod(fd.get(), mode) != 0) return os_error("cannot set the mode of", path);
    return fd;
  }
  Status write(int fd, const void* data, std::size_t size, const std::string& path) override {
    return write_fully(fd, data, size) ? Status::Ok() : os_error("cannot write", path);
  }
  Status fsync(int fd, const std::string& path) override {
    return ::fsync(fd) == 0 ? Status::Ok() : os_error("cannot fsync", path);
  }
  Status fsync_dir(const std::string& dir) override {
    platform::UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!fd.valid()) return os_error("cannot open the directory", dir);
    return ::fsync(fd.get()) == 0 ? Status::Ok() : os_error("cannot fsync", dir);
  }
  Status mkdir(const std::string& path, mode_t mode) override {
    if (::mkdir(path.c_str(), mode) != 0) return os_error("cannot create the directory", path);
    if (::chmod(path.c_str(), mode) != 0) return os_error("cannot set the mode of", path);
    return Status::Ok();
  }
  Status rename(const std::string& from, const std::string& to) override {
    if (::rename(from.c_str(), to.c_str()) == 0) return Status::Ok();
    return os_error("cannot rename to " + printable(to) + ":", from);
  }
  Status symlink(const std::string& target, const std::string& link_path) override {
    return ::symlink(target.c_str(), link_path.c_str()) == 0 ? Status::Ok()
                                                             : os_error("cannot link", link_path);
  }
  Status unlink(const std::string& path) override {
    return ::unlink(path.c_str()) == 0 || errno == ENOENT ? Status::Ok()
                                                          : os_error("cannot remove", path);
  }
  Status rmdir(const std::string& path) override {
    return ::rmdir(path.c_str()) == 0 || errno == ENOENT ? Status::Ok()
                                                         : os_error("cannot remove", path);
  }
};

struct DirCloser {
  void operator()(DIR* d) const { ::closedir(d); }
};

}  // namespace

FsOps& system_fs() {
  static SystemFs fs;
  return fs;
}

Status write_file_durably(FsOps& fs, const std::string& path, const std::string& content,
                          mode_t mode) {
  const std::string tmp = path + ".tmp";
  const std::string dir = path.substr(0, path.rfind('/'));
  SHELFNODE_RETURN_IF_ERROR(fs.unlink(tmp));  // left by an interrupted write
  {
    Result<platform::UniqueFd> fd = fs.create(tmp, mode);
    if (!fd.ok()) return fd.status();
    SHELFNODE_RETURN_IF_ERROR(fs.write(fd->get(), content.data(), content.size(), tmp));
    SHELFNODE_RETURN_IF_ERROR(fs.fsync(fd->get(), tmp));
  }
  SHELFNODE_RETURN_IF_ERROR(fs.rename(tmp, path));
  return fs.fsync_dir(dir);
}

Result<std::vector<std::string>> list_directory(const std::string& path) {
  std::unique_ptr<DIR, DirCloser> dir(::opendir(path.c_str()));
  if (!dir) return os_error("cannot read the directory", path);
  std::vector<std::string> names;
  errno = 0;
  while (const dirent* e = ::readdir(dir.get())) {
    const std::string name = e->d_name;
    if (name != "." && name != "..") names.push_back(name);
    errno = 0;
  }
  if (errno != 0) return os_error("cannot list the directory", path);
  return names;
}

Status remove_tree(FsOps& fs, const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    return errno == ENOENT ? Status::Ok() : os_error("cannot look at", path);
  }
  if (!S_ISDIR(st.st_mode)) return fs.unlink(path);
  Result<std::vector<std::string>> children = list_directory(path);
  if (!children.ok()) return children.status();
  for (const std::string& name : *children) {
    SHELFNODE_RETURN_IF_ERROR(remove_tree(fs, path + "/" + name));
  }
  return fs.rmdir(path);
}

Status make_dirs(const std::string& path) {
  for (std::size_t at = path.find('/', 1);; at = path.find('/', at + 1)) {
    const std::string part = path.substr(0, at);
    if (!part.empty() && ::mkdir(part.c_str(), 0755) != 0 && errno != EEXIST) {
      return io_error("cannot create " + printable(part) + ": " + std::strerror(errno));
    }
    if (at == std::string::npos) return Status::Ok();
  }
}

}  // namespace shelfnode::ota
