#include "shelfnode/store/backup.h"

#include <sys/stat.h>
#include <unistd.h>

#include "shelfnode/core/atomic_file.h"
#include "shelfnode/store/bounded_memory.h"
#include "shelfnode/store/health.h"

namespace shelfnode::store {
namespace {

// Pages copied per backup step: small steps let a writer in between (the live database
// stays usable during a backup of a large ledger).
constexpr int kPagesPerStep = 1024;

}  // namespace

Result<LedgerCounts> count_ledger(Database& db) {
  // count(*) reads every page of the movements table: through mmap they would all stay
  // resident (13 MiB after a 10,000-SKU sync that only wanted to know if a backup was due).
  BoundedMemory bounded(db);
  Result<Statement> s = db.prepare("SELECT count(*), coalesce(max(seq), 0) FROM movements");
  if (!s.ok()) return s.status();
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  return LedgerCounts{s->int_at(0), s->int_at(1)};
}

Status copy_database(Database& live, const std::string& to) {
  Result<std::unique_ptr<Database>> dest = Database::open(to, OpenMode::kDraft);
  if (!dest.ok()) return dest.status();
  sqlite3_backup* b = sqlite3_backup_init((*dest)->handle(), "main", live.handle(), "main");
  if (b == nullptr) return sqlite_status((*dest)->handle(), SQLITE_ERROR, "starting the backup");
  int rc = SQLITE_OK;
  do {
    rc = sqlite3_backup_step(b, kPagesPerStep);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  const int finish = sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) return sqlite_status((*dest)->handle(), rc, "copying the database");
  SHELFNODE_RETURN_IF_ERROR(sqlite_status((*dest)->handle(), finish, "finishing the backup"));
  // One self-contained file: fold the copy's WAL in and leave rollback-journal mode.
  return (*dest)->exec("PRAGMA journal_mode=DELETE");
}

Result<BackupReport> backup_database(Database& live, const std::string& dest) {
  const std::string draft = dest + ".tmp";
  remove_database_files(draft);
  // The copy reads every page: through mmap each would stay resident, and a backup would
  // take as much memory as the database is large (quick_check bounds the copy's check).
  Status copied;
  {
    BoundedMemory bounded(live);
    copied = copy_database(live, draft);
  }
  BackupReport report;
  if (copied.ok()) {
    Result<std::unique_ptr<Database>> copy = Database::open(draft, OpenMode::kReadOnly);
    if (!copy.ok()) return copy.status();
    Result<std::string> problem = quick_check(**copy);
    if (!problem.ok() || !problem->empty()) (void)unlink(draft.c_str());
    if (!problem.ok()) return problem.status();
    if (!problem->empty()) {
      report.damage = *problem;
      return report;
    }
    Result<LedgerCounts> counts = count_ledger(**copy);
    if (!counts.ok()) return counts.status();
    report.movements = counts->movements;
    report.last_seq = counts->last_seq;
  }
  if (copied.ok()) copied = sync_file_and_dir(draft);
  if (copied.ok()) copied = rename_durably(draft, dest);
  if (!copied.ok()) {
    (void)unlink(draft.c_str());
    return copied.with_context("backing up to " + dest + " (the last backup was kept)");
  }
  struct stat st {};
  if (stat(dest.c_str(), &st) == 0) report.bytes = st.st_size;
  return report;
}

std::optional<std::int64_t> backup_written_ms(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return std::nullopt;
  return static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000;
}

Result<BackupInfo> read_backup_info(const std::string& path) {
  const std::optional<std::int64_t> written = backup_written_ms(path);
  if (!written) return not_found("no backup at " + path);
  Result<std::unique_ptr<Database>> db = Database::open(path, OpenMode::kReadOnly);
  if (!db.ok()) return db.status();
  Result<LedgerCounts> counts = count_ledger(**db);
  if (!counts.ok()) return counts.status();
  BackupInfo info;
  info.last_seq = counts->last_seq;
  info.movements = counts->movements;
  info.written_ms = *written;
  return info;
}

}  // namespace shelfnode::store
