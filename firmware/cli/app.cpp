#include "cli/app.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>

#include "shelfnode/core/logger.h"
#include "shelfnode/core/printable.h"
#include "shelfnode/store/health.h"
#include "shelfnode/store/meta.h"
#include "shelfnode/store/schema.h"

namespace shelfnode::cli {
namespace {

bool file_exists(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0;
}

Status not_initialised(const std::string& dir) {
  return config_error("data dir " + dir + " is not initialised: run `shelfnode --data-dir " + dir +
                      " init` first");
}

}  // namespace

Status App::load_config() {
  Result<Config> c = read_config();
  if (!c.ok()) return c.status();
  use_config(std::move(c).value());
  return Status::Ok();
}

Result<Config> App::read_config() const {
  return shelfnode::load_config(paths_.config());
}

void App::use_config(Config config) {
  config_ = std::move(config);
  // Kept in the config, so a command that quietens the logger for a while (connect) can put
  // back the level in force.
  config_.log_level = effective_log_level(
      config_.log_level_given ? std::optional<LogLevel>(config_.log_level) : std::nullopt, verbose_,
      isatty(STDERR_FILENO) != 0);
  logger().set_level(config_.log_level);
}

Status App::claim_daemon() {
  if (lock_ == nullptr) return internal_error("the daemon was started without the data dir");
  return lock_->acquire_daemon();
}

// Refuses a database that is known or seen to be damaged, before anything opens it: the
// record left by an earlier command, then the file's header and size (cheap, every command).
Status App::check_known_damage() {
  SHELFNODE_RETURN_IF_ERROR(store::damage_recorded(paths_));
  Status header = store::check_file_header(paths_.database());
  if (header.ok() || header.code() != Code::kIo) return Status::Ok();
  return store::record_damage(paths_, header.message());
}

Status App::open_for_write(const std::string& command, bool create) {
  if (create) {
    SHELFNODE_RETURN_IF_ERROR(store::ensure_data_dir(paths_));
  } else if (!file_exists(paths_.database())) {
    return not_initialised(paths_.dir);
  }
  SHELFNODE_RETURN_IF_ERROR(load_config());
  // init may create or migrate the database: alone. Everything else writes beside the rest.
  Result<std::unique_ptr<store::DataDirLock>> lock =
      store::DataDirLock::acquire(paths_, command == "init" ? store::DataDirLock::Access::kExclusive
                                                            : store::DataDirLock::Access::kShared);
  if (!lock.ok()) return lock.status();
  lock_ = std::move(lock).value();
  if (!file_exists(paths_.database())) {
    // Only init gets here. A backup beside a missing database means it was lost, not new.
    if (file_exists(paths_.default_backup())) {
      return io_error(paths_.database() + " is missing but " + paths_.default_backup() +
                      " exists: run `shelfnode --data-dir " + paths_.dir +
                      " restore` to bring the ledger back (or move the backup aside to start an "
                      "empty one)");
    }
    SHELFNODE_RETURN_IF_ERROR(store::create_database(paths_.database()));
    // A new, empty ledger (the damaged one was moved aside by hand): nothing is damaged now.
    SHELFNODE_RETURN_IF_ERROR(store::clear_damage(paths_));
  }
  SHELFNODE_RETURN_IF_ERROR(check_known_damage());
  auto db = store::Database::open(paths_.database(), store::OpenMode::kReadWrite);
  if (!db.ok()) return db.status();
  db_ = std::move(db).value();
  SHELFNODE_RETURN_IF_ERROR(store::migrate(*db_));
  auto uuids = UuidGenerator::create(clock_);
  if (!uuids.ok()) return uuids.status();
  uuids_ = std::move(uuids).value();
  ledger_ = std::make_unique<ledger::Ledger>(*db_, *uuids_, clock_);
  return Status::Ok();
}

Status App::lock_for_restore() {
  SHELFNODE_RETURN_IF_ERROR(store::ensure_data_dir(paths_));
  SHELFNODE_RETURN_IF_ERROR(load_config());
  Result<std::unique_ptr<store::DataDirLock>> lock =
      store::DataDirLock::acquire(paths_, store::DataDirLock::Access::kExclusive);
  if (!lock.ok()) return lock.status();
  lock_ = std::move(lock).value();
  return Status::Ok();
}

Status App::open_for_read() {
  if (!file_exists(paths_.database())) return not_initialised(paths_.dir);
  SHELFNODE_RETURN_IF_ERROR(load_config());
  SHELFNODE_RETURN_IF_ERROR(check_known_damage());
  auto db = store::Database::open(paths_.database(), store::OpenMode::kReadOnly);
  if (!db.ok()) return db.status();
  db_ = std::move(db).value();
  Result<int> version = store::schema_version(*db_);
  if (!version.ok()) return version.status();
  const int latest = store::latest_schema_version();
  if (*version > latest) {
    // `init` cannot migrate what it does not know: saying so would send the owner in a loop.
    return config_error("data dir " + paths_.dir + " was written by a newer shelfnode (schema " +
                        std::to_string(*version) + ", this build knows " + std::to_string(latest) +
                        "); install that version or newer");
  }
  if (*version != latest) {
    return config_error("data dir " + paths_.dir + " has schema " + std::to_string(*version) +
                        ", this build uses " + std::to_string(latest) +
                        ": run `shelfnode init` to migrate it");
  }
  return Status::Ok();
}

Status App::begin_round() {
  if (lock_ == nullptr) return internal_error("a Wix round was started without the data dir");
  return lock_->acquire_round();
}

Status App::check_storage() {
  Result<std::string> problem = store::quick_check(*db_);
  std::string why;
  if (!problem.ok()) {
    if (!db_->saw_damage()) return problem.status();
    why = problem.status().message();
  } else {
    why = *problem;
  }
  return why.empty() ? Status::Ok() : store::record_damage(paths_, why);
}

Status App::check_storage_every(std::int64_t interval_ms) {
  Result<std::optional<std::string>> last = store::get_meta(*db_, kCheckedAtKey);
  if (!last.ok()) return last.status();
  // Both are format_utc_ms strings, so text order is time order.
  if (*last && **last > format_utc_ms(clock_.now_ms() - interval_ms)) return Status::Ok();
  SHELFNODE_RETURN_IF_ERROR(check_storage());
  // Best effort: on a full disk the check simply runs again next time.
  (void)store::set_meta(*db_, kCheckedAtKey, format_utc_ms(clock_.now_ms()));
  return Status::Ok();
}

void App::finish() {
  // Unless the command already recorded it with a better reason (check_storage).
  if (db_ != nullptr && db_->saw_damage() && store::damage_recorded(paths_).ok()) {
    (void)store::record_damage(paths_, "SQLite met a damaged page of " + paths_.database());
  }
}

void App::prepare_wal() {
  Status s = db_->prepare_wal();
  if (!s.ok()) log_warn("wal.prepare_failed", {{"why", s.message()}});
}

void App::checkpoint_wal() {
  Result<store::CheckpointReport> r = db_->checkpoint_idle();
  if (!r.ok()) {
    log_warn("wal.checkpoint_failed", {{"why", r.status().message()}});
  } else {
    log_debug("wal.checkpoint", {{"frames", std::to_string(r->frames)},
                                 {"backfilled", std::to_string(r->backfilled)},
                                 {"restarted", r->restarted ? "yes" : "no"}});
  }
}

std::string App::key_remedy() const {
  const Config::Wix& wix = config_.wix;
  std::string command = "shelfnode --data-dir " + paths_.dir + " connect --site-id " +
                        (wix.site_id.empty() ? "SITE_ID" : wix.site_id) + " --api-key-file FILE";
  // `connect` starts from the defaults: a test bench's address and CA must be given again.
  if (wix.base_url != Config::Wix{}.base_url) command += " --base-url " + wix.base_url;
  if (!wix.ca_file.empty()) command += " --ca-file " + wix.ca_file;
  return "make a new key in the API Keys Manager (https://manage.wix.com/account/api-keys), "
         "save it in a file only you can read (chmod 600 FILE), then run `" +
         command + "` again";
}

Status App::with_key_remedy(const Status& status) const {
  if (status.code() != Code::kUnauthenticated) return status;
  return Status(status.code(), status.message() + "; " + key_remedy());
}

// The one way a command reports an error: redacted, and escaped (a message may be several
// lines on purpose, a list of bad rows, so LF stays; CR, ESC and the rest become \xNN).
int fail(const Status& status) {
  const std::string text = printable_lines(logger().redact(status.message()));
  std::fprintf(stderr, "shelfnode: %s\n", text.c_str());
  return status.exit_code();
}

std::optional<std::int64_t> decimal_digits(std::string_view text, std::size_t max_digits) {
  if (text.empty() || text.size() > max_digits) return std::nullopt;
  std::int64_t n = 0;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n;
}

Result<std::int64_t> parse_quantity(std::string_view text, bool allow_zero) {
  const std::string range =
      std::string(allow_zero ? "0" : "1") + " to " + std::to_string(ledger::kMaxQuantity);
  const std::optional<std::int64_t> q = decimal_digits(text, 6);
  if (!q)
    return usage_error("quantity '" + printable(text) + "' is not a whole number from " + range);
  if (*q > ledger::kMaxQuantity || (*q == 0 && !allow_zero)) {
    return usage_error("quantity " + std::to_string(*q) + " is out of range: use " + range);
  }
  return *q;
}

}  // namespace shelfnode::cli
