#include "daemon/ota_trial.h"

#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <memory>

#include "cli/app.h"
#include "shelfnode/core/clock.h"
#include "shelfnode/core/logger.h"
#include "shelfnode/ota/fs_ops.h"
#include "shelfnode/ota/health_report.h"
#include "shelfnode/store/backup.h"
#include "shelfnode/store/database.h"
#include "shelfnode/store/restore.h"
#include "shelfnode/store/schema.h"

namespace shelfnode::daemon {
namespace {

constexpr const char* kCopyPrefix = "shelfnode-pre-";
constexpr const char* kCopySuffix = ".db";

std::string copy_path(const store::DataDirPaths& paths, const std::string& version) {
  return paths.dir + "/" + kCopyPrefix + version + kCopySuffix;
}

bool exists(const std::string& path) {
  return ::access(path.c_str(), F_OK) == 0;
}

// One copy is enough: the one the trial now running may need.
void remove_other_copies(const store::DataDirPaths& paths, const std::string& keep) {
  Result<std::vector<std::string>> names = ota::list_directory(paths.dir);
  if (!names.ok()) return;
  for (const std::string& name : *names) {
    const std::string path = paths.dir + "/" + name;
    if (name.rfind(kCopyPrefix, 0) != 0 || path == keep) continue;
    if (name.size() < 3 || name.compare(name.size() - 3, 3, kCopySuffix) != 0) continue;
    if (::unlink(path.c_str()) == 0) log_info("ota.copy_removed", {{"path", path}});
  }
}

void copy_before_trial(const store::DataDirPaths& paths, const std::string& version) {
  const std::string dest = copy_path(paths, version);
  if (!exists(paths.database()) || exists(dest)) return;
  Result<std::unique_ptr<store::Database>> db =
      store::Database::open(paths.database(), store::OpenMode::kReadOnly);
  Result<store::BackupReport> r =
      db.ok() ? store::backup_database(**db, dest) : Result<store::BackupReport>(db.status());
  if (!r.ok() || !r->damage.empty()) {
    log_warn("ota.copy_failed", {{"to", dest}, {"why", r.ok() ? r->damage : r.status().message()}});
    return;
  }
  log_info("ota.copy_before_trial", {{"to", dest}, {"movements", std::to_string(r->movements)}});
  remove_other_copies(paths, dest);
}

std::optional<int> schema_of(const std::string& path) {
  Result<std::unique_ptr<store::Database>> db =
      store::Database::open(path, store::OpenMode::kReadOnly);
  if (!db.ok()) return std::nullopt;
  Result<int> v = store::schema_version(**db);
  return v.ok() ? std::optional<int>(*v) : std::nullopt;
}

void restore_after_rollback(const store::DataDirPaths& paths, const std::string& left_version) {
  if (!exists(paths.database())) return;
  const std::optional<int> schema = schema_of(paths.database());
  if (!schema || *schema <= store::latest_schema_version()) return;
  const std::string source = copy_path(paths, left_version);
  if (!exists(source)) {
    log_warn("ota.no_copy", {{"want", source}, {"schema", std::to_string(*schema)}});
    return;
  }
  cli::App holder(paths.dir);
  Status s = holder.lock_for_restore();
  Result<store::RestoreReport> r =
      s.ok() ? store::restore_database(paths, source) : Result<store::RestoreReport>(s);
  if (!r.ok()) {
    log_error("ota.restore_failed", {{"from", source}, {"why", r.status().message()}});
    return;
  }
  log_info("ota.restored_after_rollback", {{"from", source},
                                           {"kept_scans", std::to_string(r->salvaged)},
                                           {"newer_db_kept_as", r->damaged_kept_as}});
}

}  // namespace

OtaTrial OtaTrial::detect() {
  OtaTrial t;
  char self[PATH_MAX];
  const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
  if (n > 0) t.running_ = ota::running_slot(std::string(self, static_cast<std::size_t>(n)));
  return t;
}

void OtaTrial::prepare_data(const store::DataDirPaths& paths) const {
  if (!running_) return;
  if (running_->trial) {
    copy_before_trial(paths, running_->trial->version.to_string());
  } else if (running_->last_rollback && running_->last_rollback->to == running_->slot &&
             !running_->last_rollback->version.empty()) {
    restore_after_rollback(paths, running_->last_rollback->version);
  }
}

void OtaTrial::report(const std::string& data_dir, bool ok, const std::string& reason) const {
  if (!running_) return;
  const ota::HealthReport r{running_->slot, running_->version, ok, reason, SystemClock().now_ms()};
  Status s = ota::write_health_report(data_dir, r);
  if (!s.ok()) log_warn("ota.health_report", {{"why", s.message()}});
}

}  // namespace shelfnode::daemon
