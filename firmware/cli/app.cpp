#include "cli/app.h"

#include <sys/stat.h>

#include <cctype>
#include <cstdio>

#include "shelfnode/core/logger.h"
#include "shelfnode/core/printable.h"
#include "shelfnode/store/schema.h"
#include "shelfnode/wix/credentials.h"

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
  Result<Config> c = shelfnode::load_config(paths_.config());
  if (!c.ok()) return c.status();
  config_ = std::move(c).value();
  logger().set_level(config_.log_level);
  return Status::Ok();
}

Status App::open_for_write(const std::string& command, bool create) {
  if (create) {
    SHELFNODE_RETURN_IF_ERROR(store::ensure_data_dir(paths_));
  } else if (!file_exists(paths_.database())) {
    return not_initialised(paths_.dir);
  }
  SHELFNODE_RETURN_IF_ERROR(load_config());
  Result<std::unique_ptr<store::WriterLock>> lock = store::WriterLock::acquire(paths_, command);
  if (!lock.ok()) return lock.status();
  lock_ = std::move(lock).value();
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

Status App::open_for_read() {
  if (!file_exists(paths_.database())) return not_initialised(paths_.dir);
  SHELFNODE_RETURN_IF_ERROR(load_config());
  auto db = store::Database::open(paths_.database(), store::OpenMode::kReadOnly);
  if (!db.ok()) return db.status();
  db_ = std::move(db).value();
  Result<int> version = store::schema_version(*db_);
  if (!version.ok()) return version.status();
  if (*version != store::latest_schema_version()) {
    return config_error("data dir " + paths_.dir + " has schema " + std::to_string(*version) +
                        ", this build uses " + std::to_string(store::latest_schema_version()) +
                        ": run `shelfnode init` to migrate it");
  }
  return Status::Ok();
}

Result<wix::Connection*> App::wix() {
  if (wix_ != nullptr) return wix_.get();
  if (config_.wix.site_id.empty()) {
    return config_error("this device is not connected to Wix: run `shelfnode --data-dir " +
                        paths_.dir + " connect --site-id SITE_ID --api-key-file FILE` first");
  }
  Result<std::string> key = wix::read_api_key_file(paths_.api_key());
  if (!key.ok()) {
    return key.status().with_context(
        "cannot use the stored Wix API key (run `shelfnode connect` again to replace it)");
  }
  wix::ConnectionSettings settings;
  settings.base_url = config_.wix.base_url;
  settings.site_id = config_.wix.site_id;
  settings.api_key = std::move(key).value();
  settings.ca_file = config_.wix.ca_file;
  settings.requests_per_minute = config_.wix.requests_per_minute;
  settings.backoff.base_ms = config_.wix.backoff_base_ms;
  auto connection = wix::Connection::open(std::move(settings), clock_);
  if (!connection.ok()) return connection.status();
  wix_ = std::move(connection).value();
  return wix_.get();
}

// The one way a command reports an error: redacted, and escaped (a message may be several
// lines on purpose, a list of bad rows, so LF stays; CR, ESC and the rest become \xNN).
int fail(const Status& status) {
  const std::string text = printable_lines(logger().redact(status.message()));
  std::fprintf(stderr, "shelfnode: %s\n", text.c_str());
  return status.exit_code();
}

Result<std::int64_t> parse_quantity(std::string_view text, bool allow_zero) {
  const std::string range =
      std::string(allow_zero ? "0" : "1") + " to " + std::to_string(ledger::kMaxQuantity);
  if (text.empty() || text.size() > 6) {
    return usage_error("quantity '" + printable(text) + "' is not a whole number from " + range);
  }
  std::int64_t q = 0;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) {
      return usage_error("quantity '" + printable(text) + "' is not a whole number from " + range);
    }
    q = q * 10 + (c - '0');
  }
  if (q > ledger::kMaxQuantity || (q == 0 && !allow_zero)) {
    return usage_error("quantity " + std::to_string(q) + " is out of range: use " + range);
  }
  return q;
}

}  // namespace shelfnode::cli
