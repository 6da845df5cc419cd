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

enum class OpenMode { kReadWrite, kReadOnly };

// Removes a database file and the files SQLite keeps beside it (-wal, -shm, -journal): for a
// draft left by a crash, which is never used.
void remove_database_files(const std::string& path);

// The SQLite connection (RAII). Opens in WAL with synchronous=FULL so a commit that returned
// is on disk (DESIGN invariant 1); foreign keys on; a short busy timeout for readers.
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

 private:
  struct FileId {
    bool known = false;
    dev_t dev = 0;
    ino_t ino = 0;
  };
  Database(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  static Result<std::unique_ptr<Database>> open_as(const std::string& path, OpenMode mode,
                                                   bool immutable);
  void note_files();
  bool save_committed(bool database_lost, std::string& how);
  sqlite3* db_;
  std::string path_;
  bool writer_ = false;
  FileId files_[3];  // the database, -wal, -shm
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
