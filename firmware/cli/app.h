#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "shelfnode/core/clock.h"
#include "shelfnode/core/config.h"
#include "shelfnode/core/result.h"
#include "shelfnode/core/uuid.h"
#include "shelfnode/ledger/ledger.h"
#include "shelfnode/store/data_dir.h"
#include "shelfnode/store/data_dir_lock.h"
#include "shelfnode/store/database.h"

namespace shelfnode::wix {
class Connection;
}

namespace shelfnode::cli {

// What every command shares: the data dir, the database opened the way the command needs
// (writers hold the single-writer lock), the clock and the UUID source.
class App {
 public:
  explicit App(std::string data_dir) { paths_.dir = std::move(data_dir); }

  const store::DataDirPaths& paths() const { return paths_; }
  // -v / --verbose: info lines on a terminal too (core/logger.h, effective_log_level).
  void set_verbose(bool verbose) { verbose_ = verbose; }
  bool verbose() const { return verbose_; }

  // For commands that change state: holds the data dir (shared: writers work side by side;
  // `init` alone), opens read-write and migrates. `create` allows a fresh data dir (init
  // only); otherwise it must be initialised already.
  Status open_for_write(const std::string& command, bool create = false);
  // After open_for_write, for a Wix round (sync, catalog pull, connect): one at a time.
  Status begin_round();
  // For restore: the data dir alone, and the config only; the database is not opened (it may be
  // damaged or missing).
  Status lock_for_restore();
  // For read commands: no lock (WAL lets them read beside a running writer).
  Status open_for_read();
  // Both refuse a database known to be damaged (store/health.h) and check its header.

  // The whole-file check (store::quick_check), for commands that run long or copy the
  // database: a damaged file is recorded, so every later command refuses it too, and the
  // message says how to restore. check_storage_every() skips it when one passed within
  // `interval_ms` (kept in meta).
  Status check_storage();
  Status check_storage_every(std::int64_t interval_ms);
  // After the command: a damaged page met on the way is recorded for the next command.
  void finish();

  // WAL upkeep done where nobody waits on it (store::Database, src/store/README.md): bring
  // the WAL to its size and start it over (init, the start of a scan session), or checkpoint
  // it (a scan session's idle time). A failure is logged, never the command's: nothing is
  // lost, the frames stay in the WAL for the next checkpoint.
  void prepare_wal();
  void checkpoint_wal();

  // The config file as it is now, read and checked but not put in force (the daemon's
  // reload checks it first), and putting one in force (the log level with it).
  Result<Config> read_config() const;
  void use_config(Config config);
  // For the daemon, after open_for_write: one daemon per data dir (store/data_dir_lock.h).
  Status claim_daemon();

  store::Database& db() { return *db_; }
  const Config& config() const { return config_; }
  const Clock& clock() const { return clock_; }
  UuidGenerator& uuids() { return *uuids_; }
  ledger::Ledger& ledger() { return *ledger_; }

  // The Wix site this device is connected to (config.json + the 0600 key file), opened on
  // first use. Not connected yet is a kConfig error that says to run `connect`. Defined in
  // app_wix.cpp, which only the `shelfnode` binary links: the daemon (shelfnoded) shares this
  // class but never maps libcurl and the TLS libraries behind it.
  Result<wix::Connection*> wix();
  // What to do about a key Wix refused (401: wrong or revoked): a new key, then the exact
  // `connect` command for this data dir and site.
  std::string key_remedy() const;
  // A 401 status with key_remedy() added; any other status as it is.
  Status with_key_remedy(const Status& status) const;

 private:
  static constexpr const char* kCheckedAtKey = "storage.checked_at";
  Status load_config();
  Status check_known_damage();
  store::DataDirPaths paths_;
  bool verbose_ = false;
  SystemClock clock_;
  Config config_;
  std::unique_ptr<store::DataDirLock> lock_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<UuidGenerator> uuids_;
  std::unique_ptr<ledger::Ledger> ledger_;
  // Owns the connection without naming its type here, so that destroying an App needs no
  // Wix code (see wix()).
  struct WixHold {
    virtual ~WixHold() = default;
  };
  struct WixConnectionHold;
  std::unique_ptr<WixHold> wix_;
  wix::Connection* wix_connection_ = nullptr;
};

// Prints "shelfnode: <message>" on stderr (secrets masked) and returns the exit code.
int fail(const Status& status);

// `text` as a number when it is 1 to `max_digits` decimal digits and nothing else (no sign,
// no spaces), else nothing: the one reader of counts typed on the command line.
std::optional<std::int64_t> decimal_digits(std::string_view text, std::size_t max_digits);

// A positive (or, with allow_zero, non-negative) whole quantity up to ledger::kMaxQuantity.
Result<std::int64_t> parse_quantity(std::string_view text, bool allow_zero);

}  // namespace shelfnode::cli
