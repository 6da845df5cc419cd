#pragma once

#include <string>
#include <vector>

#include "shelfnode/ota/fs_ops.h"

namespace shelfnode::ota::testing {

// The real file system, with the power going out before step `stop_at` (1-based): that step
// and every one after it fails with kIo and changes nothing, as if the machine had stopped
// there. With stop_at 0 nothing fails and the steps are only counted and named.
class StoppingFs final : public FsOps {
 public:
  explicit StoppingFs(int stop_at = 0) : stop_at_(stop_at) {}

  int steps() const { return steps_; }
  const std::vector<std::string>& names() const { return names_; }

  Result<platform::UniqueFd> create(const std::string& path, mode_t mode) override;
  Status write(int fd, const void* data, std::size_t size, const std::string& path) override;
  Status fsync(int fd, const std::string& path) override;
  Status fsync_dir(const std::string& dir) override;
  Status mkdir(const std::string& path, mode_t mode) override;
  Status rename(const std::string& from, const std::string& to) override;
  Status symlink(const std::string& target, const std::string& link_path) override;
  Status unlink(const std::string& path) override;
  Status rmdir(const std::string& path) override;

 private:
  // Counts the step; false once the power is out.
  bool step(const std::string& what);
  int stop_at_;
  int steps_ = 0;
  std::vector<std::string> names_;
};

}  // namespace shelfnode::ota::testing
