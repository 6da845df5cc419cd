#include "shelfnode/store/database.h"

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <ctime>

#include "shelfnode/core/atomic_file.h"

namespace shelfnode::store {
namespace {

constexpr const char* kFileSuffixes[] = {"", "-wal", "-shm"};

// SQLite URI of a file opened as immutable (its own reserved characters escaped).
std::string immutable_uri(const std::string& path) {
  std::string uri = "file:";
  for (char c : path) {
    if (c == '%' || c == '?' || c == '#') {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", static_cast<unsigned>(static_cast<unsigned char>(c)));
      uri += hex;
    } else {
      uri += c;
    }
  }
  return uri + "?immutable=1";
}

bool is_damage(int rc) {
  return (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB;
}

// SQLite reports a write that found no room as a plain I/O error, and the errno it keeps is
// not reliable by then, so the file system and the process's limit are asked instead.
std::string full_disk_reason(sqlite3* db) {
  const char* file = db ? sqlite3_db_filename(db, "main") : nullptr;
  if (file == nullptr || *file == '\0') return "";
  const int err = sqlite3_system_errno(db);
  struct statvfs fs {};
  const bool no_room = err == ENOSPC || err == EDQUOT ||
                       (statvfs(file, &fs) == 0 && fs.f_bavail * fs.f_frsize < (64u << 10));
  if (no_room) {
    return "the disk is full (no space left on the data dir's file system); free space there, "
           "then retry";
  }
  rlimit limit{};
  if (err == EFBIG || (getrlimit(RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)) {
    return "a database file reached this process's file-size limit (ulimit -f, or the service's "
           "LimitFSIZE); raise it, then retry";
  }
  return "";
}

}  // namespace

void remove_database_files(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) (void)unlink((path + suffix).c_str());
}

Status sqlite_status(sqlite3* db, int rc, std::string_view doing) {
  if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW) return Status::Ok();
  const std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  const std::string what = std::string(doing) + ": ";
  switch (rc & 0xff) {
    case SQLITE_FULL:
      return io_error(what + "the disk is full (" + detail +
                      "); free space on the data dir's file system, then retry");
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return io_error(what + "the database cannot be written (" + detail +
                      "); check that the data dir is writable by this user");
    case SQLITE_IOERR: {
      const std::string why = full_disk_reason(db);
      if (!why.empty()) return io_error(what + why);
      return io_error(what + "I/O error (" + detail +
                      "); check the storage device and free space, then retry");
    }
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return conflict(what + "the database is busy (" + detail + "); retry");
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return io_error(what + "the database file is damaged (" + detail +
                      "); run `shelfnode restore` to go back to the last backup");
    case SQLITE_NOMEM:
      return internal_error(what + "out of memory (" + detail +
                            "); free memory on the device or lower its load, then retry");
    case SQLITE_CONSTRAINT:
      return conflict(what + detail);
    default:
      return internal_error(what + detail);
  }
}

Statement::~Statement() {
  sqlite3_finalize(stmt_);
}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(other.stmt_), damaged_(other.damaged_), bind_error_(other.bind_error_) {
  other.stmt_ = nullptr;
}

// Binding chains (`s.bind(1, a).bind(2, b)`), so a failed bind (wrong index, out of memory)
// is remembered and reported by the next step(): a statement never runs half-bound.
void Statement::note_bind(int rc) {
  if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = rc;
}

Statement& Statement::bind(int index, std::int64_t value) {
  note_bind(sqlite3_bind_int64(stmt_, index, value));
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  note_bind(sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()),
                              SQLITE_TRANSIENT));
  return *this;
}

Statement& Statement::bind_null(int index) {
  note_bind(sqlite3_bind_null(stmt_, index));
  return *this;
}

Statement& Statement::bind_optional(int index, std::string_view value) {
  return value.empty() ? bind_null(index) : bind(index, value);
}

Result<bool> Statement::step() {
  if (bind_error_ != SQLITE_OK) return sqlite_status(db_, bind_error_, "binding query values");
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  if (damaged_ != nullptr && is_damage(rc)) *damaged_ = true;
  return sqlite_status(db_, rc, "running a query");
}

Status Statement::run() {
  Result<bool> r = step();
  if (!r.ok()) return r.status();
  return Status::Ok();
}

void Statement::reset() {
  // sqlite3_reset repeats the last step's error, which step() already reported.
  (void)sqlite3_reset(stmt_);
  (void)sqlite3_clear_bindings(stmt_);
  bind_error_ = SQLITE_OK;
}

std::int64_t Statement::int_at(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

std::string Statement::text_at(int column) const {
  const unsigned char* t = sqlite3_column_text(stmt_, column);
  return t ? std::string(reinterpret_cast<const char*>(t),
                         static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)))
           : std::string();
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

Result<std::unique_ptr<Database>> Database::open(const std::string& path, OpenMode mode) {
  Result<std::unique_ptr<Database>> db = open_as(path, mode, false);
  if (!db.ok() || mode != OpenMode::kReadOnly) return db;
  // A reader of a WAL database needs its -shm index, which it cannot create on a read-only
  // mount (one left there is read without writing to it, and writers keep the -wal and -shm
  // when they close, src/store/README.md). With no WAL content there is nothing but the file
  // itself to read (no writer is running: a writer always has a -wal), so it is read as an
  // immutable file.
  const int rc = sqlite3_exec((*db)->handle(), "SELECT count(*) FROM sqlite_master", nullptr,
                              nullptr, nullptr);
  const int primary = rc & 0xff;
  if (primary != SQLITE_CANTOPEN && primary != SQLITE_READONLY) return db;
  struct stat wal {};
  if (stat((path + "-wal").c_str(), &wal) == 0 && wal.st_size > 0) {
    return io_error("cannot read " + path + " on a read-only file system: its -wal may hold "
                    "changes not yet in the database, and there is no -shm to read it with; "
                    "mount the data dir writable and run any shelfnode command once, then it "
                    "can be read read-only");
  }
  return open_as(path, mode, true);
}

Result<std::unique_ptr<Database>> Database::open_as(const std::string& path, OpenMode mode,
                                                   bool immutable) {
  sqlite3* raw = nullptr;
  const int flags = mode == OpenMode::kReadOnly ? SQLITE_OPEN_READONLY
                                                : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  const std::string name = immutable ? immutable_uri(path) : path;
  int rc = sqlite3_open_v2(name.c_str(), &raw,
                           flags | SQLITE_OPEN_NOMUTEX | (immutable ? SQLITE_OPEN_URI : 0),
                           nullptr);
  std::unique_ptr<Database> db(new Database(raw, path));
  if (rc != SQLITE_OK) return sqlite_status(raw, rc, "opening " + path);
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, kBusyTimeoutMs);
  // WAL + FULL: every committed transaction is fsynced before COMMIT returns.
  // 1 KiB pages (set before the file exists; a no-op afterwards): a one-scan commit touches
  // three pages, so it writes 3 KiB instead of 12 KiB: less to sync, less flash wear.
  // Reads go through a memory map (the kernel's page cache, shared and reclaimable, rather
  // than heap), which keeps catalog lookups free of read() calls on small boards.
  const char* pragmas = mode == OpenMode::kReadOnly
                            ? "PRAGMA foreign_keys=ON; PRAGMA mmap_size=67108864;"
                            : "PRAGMA page_size=1024; PRAGMA journal_mode=WAL;"
                              " PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
                              " PRAGMA mmap_size=67108864;";
  SHELFNODE_RETURN_IF_ERROR(db->exec(pragmas));
  if (mode == OpenMode::kReadWrite) SHELFNODE_RETURN_IF_ERROR(db->keep_wal());
  if (mode != OpenMode::kReadOnly) {
    db->writer_ = true;
    db->note_files();
  }
  return db;
}

// Records the identity of each file that exists now and was not known yet (the WAL and its
// index appear with the first transaction on a fresh database).
void Database::note_files() {
  for (std::size_t i = 0; i < 3; ++i) {
    if (files_[i].known) continue;
    struct stat st {};
    if (stat((path_ + kFileSuffixes[i]).c_str(), &st) != 0) continue;
    files_[i] = FileId{true, st.st_dev, st.st_ino};
  }
}

Status Database::check_files() {
  if (!writer_ || !poisoned_.ok()) return poisoned_;
  for (std::size_t i = 0; i < 3; ++i) {
    if (!files_[i].known) continue;
    const std::string file = path_ + kFileSuffixes[i];
    struct stat st {};
    const bool readable = stat(file.c_str(), &st) == 0;
    const bool gone = !readable && errno == ENOENT;
    if (!readable && !gone) continue;  // cannot tell now (EACCES, EIO): the next commit will
    if (gone || files_[i].dev != st.st_dev || files_[i].ino != st.st_ino) {
      std::string how;
      const bool saved = save_committed(i == 0, how);
      poisoned_ = io_error(file + " was " + (gone ? "deleted" : "replaced") +
                           " while this shelfnode was writing to it, so nothing more is "
                           "acknowledged; " + how +
                           ". Stop every shelfnode using this data dir, then start again");
      // The commit that found out is as safe as those before it when the save worked.
      return saved ? Status::Ok() : poisoned_;
    }
  }
  note_files();
  return Status::Ok();
}

// This connection still holds the files it opened, unlinked or not, so everything committed
// so far can still be saved: into the database at the path when that is still ours (a
// checkpoint copies the orphaned WAL into it), else into a complete copy beside it.
bool Database::save_committed(bool database_lost, std::string& how) {
  if (!database_lost) {
    int wal_frames = 0, copied = 0;
    const int rc =
        sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_FULL, &wal_frames, &copied);
    if (rc == SQLITE_OK && wal_frames == copied) {
      how = "everything acknowledged until now was saved into " + path_;
      return true;
    }
    how = "saving what it held into " + path_ + " failed (" + sqlite3_errmsg(db_) +
          "): scans acknowledged since this shelfnode started may be lost";
    return false;
  }
  const std::string rescue = path_ + ".rescued-" + std::to_string(time(nullptr));
  Result<Statement> vacuum = prepare("VACUUM INTO ?1");
  Status copied = vacuum.ok() ? vacuum->bind(1, rescue).run() : vacuum.status();
  if (copied.ok()) copied = sync_file_and_dir(rescue);
  if (!copied.ok()) {
    how = "copying what it held to " + rescue + " failed (" + copied.message() +
          "): scans acknowledged since this shelfnode started may be lost";
    return false;
  }
  how = "everything acknowledged until now was copied to " + rescue +
        " (put it back with `shelfnode restore --from " + rescue + "`)";
  return true;
}

Database::~Database() {
  cache_.clear();  // statements must be finalised before the connection closes
  sqlite3_close(db_);
}

Status Database::exec(const char* sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
  sqlite3_free(err);
  if (is_damage(rc)) saw_damage_ = true;
  return sqlite_status(db_, rc, "running SQL");
}

Result<Statement> Database::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    if (is_damage(rc)) saw_damage_ = true;
    return sqlite_status(db_, rc, "preparing a query");
  }
  return Statement(db_, stmt, &saw_damage_);
}

Result<CachedStatement> Database::cached(const char* sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    Result<Statement> s = prepare(sql);
    if (!s.ok()) return s.status();
    it = cache_.emplace(sql, std::make_unique<Statement>(std::move(s).value())).first;
  }
  return CachedStatement(it->second.get());
}

std::int64_t Database::changes() const {
  return sqlite3_changes64(db_);
}

Result<std::unique_ptr<Transaction>> Transaction::begin(Database& db) {
  SHELFNODE_RETURN_IF_ERROR(db.poisoned());
  SHELFNODE_RETURN_IF_ERROR(db.exec("BEGIN IMMEDIATE"));
  return std::unique_ptr<Transaction>(new Transaction(db));
}

Transaction::~Transaction() {
  if (open_) (void)db_.exec("ROLLBACK");
}

Status Transaction::commit() {
  Status s = db_.exec("COMMIT");
  if (s.ok()) {
    open_ = false;
    return db_.after_commit();
  }
  // A failed COMMIT may leave the transaction open (e.g. SQLITE_FULL): roll it back so the
  // next attempt starts clean; the destructor does that.
  return s;
}

}  // namespace shelfnode::store
