#include "stopping_fs.h"

namespace shelfnode::ota::testing {
namespace {

Status power_cut() {
  return io_error("(test) the power went out");
}

}  // namespace

bool StoppingFs::step(const std::string& what) {
  ++steps_;
  names_.push_back(what);
  return stop_at_ == 0 || steps_ < stop_at_;
}

Result<platform::UniqueFd> StoppingFs::create(const std::string& path, mode_t mode) {
  if (!step("create " + path)) return power_cut();
  return system_fs().create(path, mode);
}
Status StoppingFs::write(int fd, const void* data, std::size_t size, const std::string& path) {
  if (!step("write " + path)) return power_cut();
  return system_fs().write(fd, data, size, path);
}
Status StoppingFs::fsync(int fd, const std::string& path) {
  if (!step("fsync " + path)) return power_cut();
  return system_fs().fsync(fd, path);
}
Status StoppingFs::fsync_dir(const std::string& dir) {
  if (!step("fsync_dir " + dir)) return power_cut();
  return system_fs().fsync_dir(dir);
}
Status StoppingFs::mkdir(const std::string& path, mode_t mode) {
  if (!step("mkdir " + path)) return power_cut();
  return system_fs().mkdir(path, mode);
}
Status StoppingFs::rename(const std::string& from, const std::string& to) {
  if (!step("rename " + from + " " + to)) return power_cut();
  return system_fs().rename(from, to);
}
Status StoppingFs::symlink(const std::string& target, const std::string& link_path) {
  if (!step("symlink " + link_path + " -> " + target)) return power_cut();
  return system_fs().symlink(target, link_path);
}
Status StoppingFs::unlink(const std::string& path) {
  if (!step("unlink " + path)) return power_cut();
  return system_fs().unlink(path);
}
Status StoppingFs::rmdir(const std::string& path) {
  if (!step("rmdir " + path)) return power_cut();
  return system_fs().rmdir(path);
}

}  // namespace shelfnode::ota::testing
