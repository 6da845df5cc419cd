#pragma once

#include <sqlite3.h>
#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "shelfnode/core/result.h"

namespace shelfnode::store {

// Maps a SQLite result code to a Status a clerk or integrator can act on (disk full,
// read-only, locked, damaged file), keeping SQLite's own text for the log.
Status sqlite_status(sqlite3* db, int rc, std::string_view doing);

// One prepared statement (RAII: finalised on destruction). Binding indexes are 1-based as in
// SQLite. step() yields true for a row, false when done.
class Statement {
 public:
  // `damaged`, when given, is set once a step finds the file damaged (SQLITE_CORRUPT/NOTADB).
  Statement(sqlite3* db, sqlite3_stmt* stmt, bool* damaged = nullptr)
      : db_(db), stmt_(stmt), damaged_(damaged) {}
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::string_view value);
  Statement& bind_null(int index);
  // Binds NULL for an empty string: optional text columns.
  Statement& bind_optional(int index, std::string_view value);

  Result<bool> step();
  // Steps a statement that returns no rows (INSERT/UPDATE/DELETE).
  Status run();
  void reset();

  std::int64_t int_at(int column) const;
  std::string text_at(int column) const;
  bool is_null(int column) const;
  int parameter_count() const { return sqlite3_bind_parameter_count(stmt_); }

 private:
  void note_bind(int rc);
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  bool* damaged_;
  int bind_error_ = SQLITE_OK;
};

// A statement from the cache, reset and unbound again when this handle goes away, so a hot
// path can reuse one compiled statement without leaking bindings into the next use.
class CachedStatement {
 public:
  explicit CachedStatement(Statement* s) : s_(s) {}
  ~CachedStatement() {
    if (s_ != nullptr) s_->reset();
  }
  CachedStatement(CachedStatement&& o) noexcept : s_(o.s_) { o.s_ = nullptr; }
  CachedStatement(const CachedStatement&) = delete;
  CachedStatement& operator=(const CachedStatement&) = delete;
  CachedStatement& operator=(CachedStatement&&) = delete;
  Statement* operator->() { return s_; }
  Statement& operator*() { return *s_; }

 private:
  Statement* s_;
};

// kReadWrite is the data dir's own database: its WAL is kept on disk at its size
// (src/store/README.md, "The WAL"). kDraft is a file built aside and then renamed in or copied
// away (a new database, a backup copy, a restore): SQLite's own WAL handling, so nothing is
// left beside it once it is closed.
enum class OpenMode { kReadWrite, kReadOnly, kDraft };

// The WAL's budget (src/store/README.md, "The WAL"). The file is made kWalReserveBytes long
// once and kept; a checkpoint is wanted at the next pause once the frames since the WAL last
// started over reach kCheckpointIdleBytes (SQLite's own default: 1,000 frames of 1 KiB), and
// at once, pause or not, at kCheckpointNowBytes, which leaves room in the reserve for the
// batch being written.
constexpr std::int64_t kWalReserveBytes = std::int64_t{4} << 20;
constexpr std::int64_t kCheckpointIdleBytes = std::int64_t{1} << 20;
constexpr std::int64_t kCheckpointNowBytes = std::int64_t{3} << 20;

// How soon a connection's WAL wants Database::checkpoint_idle(), from its size after this
// connection's last commit.
enum class CheckpointNeed {
  kNone,
  kWhenIdle,  // at the next pause of the input (or now, for a connection that does not defer)
  kNow,       // now, even in a burst: the WAL is close to outgrowing the space kept for it
};

struct CheckpointReport {
  int frames = 0;      // valid frames the WAL held
  int backfilled = 0;  // of them, in the database file now
  // The WAL starts over from its first frame: the next commits overwrite it in place.
  bool restarted = false;
};

// Removes a database file and the files SQLite keeps beside it (-wal, -shm, -journal): for a
// draft left by a crash, which is never used.
void remove_database_files(const std::string& path);

// The SQLite connection (RAII). Opens in WAL with synchronous=FULL so a commit that returned
// is on disk (DESIGN invariant 1); foreign keys on; a short busy timeout for readers.
// SQLite's automatic checkpoint is off on kReadWrite connections: checkpoints run where they
// cannot hold up an acknowledgement (the WAL section below).
class Database {
 public:
  static Result<std::unique_ptr<Database>> open(const std::string& path, OpenMode mode);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Status exec(const char* sql);
  Result<Statement> prepare(std::string_view sql);
  // Compiled once per connection and kept: for statements on hot paths (scan, lookup).
  Result<CachedStatement> cached(const char* sql);

  std::int64_t changes() const;
  sqlite3* handle() { return db_; }
  const std::string& path() const { return path_; }

  // A writer's files must stay the ones it opened. If the database, its WAL or its
  // shared-memory index was deleted or replaced at its path (a stray `rm`, a restore done by
  // hand under a running writer), SQLite goes on writing into the old, unlinked file and every
  // commit from then on is lost when the process ends, while reporting success. This compares
  // each file at its path with the one this connection opened (three stat calls). Once they
  // differ the connection is poisoned: this and every later transaction fail with the reason,
  // so nothing more is acknowledged. What was committed is saved first, through the files
  // this connection still holds (see save_committed). Read-only connections are not checked.
  Status check_files();
  // The poison, once check_files() found a replaced file (OK before).
  const Status& poisoned() const { return poisoned_; }
  // True once any statement on this connection met a damaged page: the caller records it in
  // the data dir, so no later command writes into the file before it is restored.
  bool saw_damage() const { return saw_damage_; }

  // ---- The WAL (kReadWrite only; a no-op on other connections). src/store/README.md.
  // The WAL is kept at its size (SQLITE_FCNTL_PERSIST_WAL, journal_size_limit -1): once a
  // checkpoint has copied it into the database, it is started over and overwritten in place,
  // which costs one fdatasync per commit and no file growth. A commit then syncs the WAL once
  // and nothing else; the checkpoint (a WAL sync, the copy, a database sync, and the sync of
  // the WAL's new header) is done by checkpoint_idle(), which callers run off the
  // acknowledgement path.

  // Copies every frame no reader still needs into the database file (PASSIVE: never waits
  // for a reader or a writer, and holds none up; another checkpoint in progress is not an
  // error, that one does the work). When every frame was copied, it starts the WAL over with
  // one commit that changes nothing (page 1 rewritten as it is), so that the WAL header's write
  // and sync are paid here and not by the next commit; that commit does not wait for the write
  // lock either (while another connection holds it, that writer's commit starts the WAL over).
  // A reader holding an older snapshot keeps the WAL from starting over; a later call does it
  // once that reader is done. Errors lose nothing: the frames stay in the WAL for the next
  // call. Not inside a transaction.
  Result<CheckpointReport> checkpoint_idle();
  CheckpointNeed checkpoint_need() const;
  // For a connection that acknowledges its commits (a scan session): its commits never
  // checkpoint; the caller runs checkpoint_idle() after the acknowledgement, as
  // checkpoint_need() says. Other connections checkpoint inside Transaction::commit() once the
  // WAL holds kCheckpointIdleBytes, as SQLite's own automatic checkpoint would.
  void defer_checkpoints() { defer_checkpoints_ = true; }
  // For a connection that acknowledges scans while another process writes (the daemon beside
  // its sync worker): a lock held by the other writer is waited for in steps of 100 µs, then
  // 1 ms, up to the same kBusyTimeoutMs. SQLite's own handler sleeps 1, 2, 5, 10, 15, 20 ms…,
  // so a scan arriving during an 18 ms page commit would wait 33 ms instead of about 18.
  void wait_finely_when_busy();
  // Steps slept in the fine wait so far (0 with SQLite's own wait).
  std::int64_t busy_waits() const { return busy_waits_; }
  // Makes the WAL file kWalReserveBytes of written blocks (when the file system has room to
  // spare, see wal.cpp), synced, then checkpoint_idle(): so the first commits after it
  // overwrite the WAL in place and pay one sync each. Run by `init` and where a scan session
  // starts; a WAL already that large costs one stat.
  Status prepare_wal();
  // Valid frames in the WAL after this connection's last commit.
  int wal_frames() const { return wal_frames_; }

 private:
  friend class Transaction;
  struct FileId {
    bool known = false;
    dev_t dev = 0;
    ino_t ino = 0;
  };
  // How long a statement waits for a lock another connection holds.
  static constexpr int kBusyTimeoutMs = 5000;
  Database(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  static Result<std::unique_ptr<Database>> open_as(const std::string& path, OpenMode mode,
                                                   bool immutable);
  static int note_wal_size(void* self, sqlite3* db, const char* schema, int frames);
  Status keep_wal();
  Status fill_wal(std::int64_t bytes);
  Status rewind_wal();
  void note_files();
  // Puts back the connection's busy wait (fine or SQLite's) after a step that needed none.
  void restore_busy_wait();
  static int fine_busy_wait(void* self, int count);
  bool save_committed(bool database_lost, std::string& how);
  // Transaction::commit() once COMMIT returned: the file check, then the checkpoint policy.
  Status after_commit();
  sqlite3* db_;
  std::string path_;
  bool writer_ = false;
  bool keeps_wal_ = false;  // kReadWrite: persistent WAL, checkpoints by checkpoint_idle()
  bool defer_checkpoints_ = false;
  bool checkpointing_ = false;
  bool fine_busy_wait_ = false;
  std::int64_t busy_waits_ = 0;
  int wal_frames_ = 0;
  std::int64_t frame_bytes_ = 0;  // page size + 24-byte frame header
  FileId files_[3];               // the database, -wal, -shm
  Status poisoned_;
  bool saw_damage_ = false;
  std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
};

// BEGIN IMMEDIATE on construction (the write lock is taken up front, so a commit never fails
// for lock upgrade), ROLLBACK on destruction unless commit() succeeded.
class Transaction {
 public:
  static Result<std::unique_ptr<Transaction>> begin(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  Status commit();

 private:
  explicit Transaction(Database& db) : db_(db) {}
  Database& db_;
  bool open_ = true;
};

}  // namespace shelfnode::store
