#include "shelfnode/store/restore.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>

#include "shelfnode/core/atomic_file.h"
#include "shelfnode/core/clock.h"
#include "shelfnode/store/backup.h"
#include "shelfnode/store/database.h"
#include "shelfnode/store/health.h"
#include "shelfnode/store/meta.h"
#include "shelfnode/store/schema.h"

namespace shelfnode::store {
namespace {

// Device movements only: online order lines come back with the next orders pull. Voids and
// their reasons exist from schema 5 on.
constexpr const char* kReadMovements =
    "SELECT seq, id, at, code, sku, warehouse_id, delta, kind, source, voids, note"
    " FROM movements WHERE seq > ?1 AND reference IS NULL ORDER BY seq";
constexpr const char* kReadMovementsBeforeVoids =
    "SELECT seq, id, at, code, sku, warehouse_id, delta, kind, source, NULL, NULL"
    " FROM movements WHERE seq > ?1 AND reference IS NULL ORDER BY seq";
constexpr int kFirstSchemaWithVoids = 5;
constexpr const char* kInsertMovement =
    "INSERT OR IGNORE INTO movements (seq, id, at, code, sku, warehouse_id, delta, kind, source,"
    " voids, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
constexpr const char* kAddStock =
    "INSERT INTO stock (sku, warehouse_id, qty) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (sku, warehouse_id) DO UPDATE SET qty = qty + excluded.qty";
// Warehouses added after the backup (by id; a name taken meanwhile keeps the backup's).
constexpr const char* kReadWarehouses = "SELECT id, name, mapped, created_at FROM warehouses";
constexpr const char* kInsertWarehouse =
    "INSERT OR IGNORE INTO warehouses (id, name, mapped, created_at) VALUES (?1, ?2, ?3, ?4)";

bool exists(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0;
}

Status open_checked(const std::string& source, std::unique_ptr<Database>& out) {
  if (!exists(source)) return not_found("there is no backup at " + source);
  SHELFNODE_RETURN_IF_ERROR(check_file_header(source).with_context("the backup"));
  Result<std::unique_ptr<Database>> db = Database::open(source, OpenMode::kReadOnly);
  if (!db.ok()) return db.status().with_context("opening the backup " + source);
  Result<std::string> problem = quick_check(**db);
  if (!problem.ok() || !problem->empty()) {
    const std::string why = problem.ok() ? *problem : sqlite3_errmsg((*db)->handle());
    return io_error("the backup " + source + " cannot be used (" + why +
                    "): restore from another copy with `shelfnode restore --from FILE`");
  }
  Result<int> version = schema_version(**db);
  if (!version.ok()) return version.status();
  if (*version > latest_schema_version()) {
    return config_error("the backup " + source + " has schema " + std::to_string(*version) +
                        ", newer than this build's " + std::to_string(latest_schema_version()) +
                        ": restore it with the shelfnode that made it");
  }
  out = std::move(db).value();
  return Status::Ok();
}

// Runs `sql` on the damaged file and hands each row to `take`; stops at the first error.
template <typename Take>
Status each_row(Database& old, const char* sql, std::int64_t bound, Take take) {
  Result<Statement> rows = old.prepare(sql);
  if (!rows.ok()) return rows.status();
  if (rows->parameter_count() > 0) rows->bind(1, bound);
  for (;;) {
    Result<bool> row = rows->step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    SHELFNODE_RETURN_IF_ERROR(take(*rows));
  }
}

Status copy_warehouse(Database& restored, Statement& row) {
  Result<CachedStatement> ins = restored.cached(kInsertWarehouse);
  if (!ins.ok()) return ins.status();
  (*ins)->bind(1, row.int_at(0)).bind(2, row.text_at(1)).bind(3, row.int_at(2));
  return (*ins)->bind(4, row.text_at(3)).run();
}

Status replay_movement(Database& restored, Statement& row, std::int64_t& replayed) {
  Result<CachedStatement> ins = restored.cached(kInsertMovement);
  if (!ins.ok()) return ins.status();
  (*ins)->bind(1, row.int_at(0)).bind(2, row.text_at(1)).bind(3, row.text_at(2));
  (*ins)->bind(4, row.text_at(3)).bind(5, row.text_at(4)).bind(6, row.int_at(5));
  (*ins)->bind(7, row.int_at(6)).bind(8, row.text_at(7)).bind(9, row.text_at(8));
  if (!row.is_null(9)) (*ins)->bind(10, row.text_at(9));
  if (!row.is_null(10)) (*ins)->bind(11, row.text_at(10));
  SHELFNODE_RETURN_IF_ERROR((*ins)->run());
  if (restored.changes() == 0) return Status::Ok();  // already in the backup
  Result<CachedStatement> add = restored.cached(kAddStock);
  if (!add.ok()) return add.status();
  (*add)->bind(1, row.text_at(4)).bind(2, row.int_at(5)).bind(3, row.int_at(6));
  SHELFNODE_RETURN_IF_ERROR((*add)->run());
  ++replayed;
  return Status::Ok();
}

// Copies into `restored` what the damaged file still gives; stops at the first unreadable row
// (what came before it is kept).
void salvage(const std::string& damaged, Database& restored, std::int64_t after_seq,
             RestoreReport& report) {
  Result<std::unique_ptr<Database>> old = Database::open(damaged, OpenMode::kReadOnly);
  Status s = old.status();
  if (s.ok()) {
    s = each_row(**old, kReadWarehouses, 0,
                 [&](Statement& row) { return copy_warehouse(restored, row); });
  }
  Result<int> version = s.ok() ? schema_version(**old) : Result<int>(s);
  if (s.ok()) s = version.status();
  if (s.ok()) {
    const char* read = *version >= kFirstSchemaWithVoids ? kReadMovements : kReadMovementsBeforeVoids;
    s = each_row(**old, read, after_seq, [&](Statement& row) {
      return replay_movement(restored, row, report.salvaged);
    });
  }
  if (!s.ok()) report.salvage_stopped = s.message();
}

Status build(const DataDirPaths& paths, Database& source, const std::string& draft,
             RestoreReport& report) {
  remove_database_files(draft);
  SHELFNODE_RETURN_IF_ERROR(copy_database(source, draft));
  Result<std::unique_ptr<Database>> db = Database::open(draft, OpenMode::kDraft);
  if (!db.ok()) return db.status();
  SHELFNODE_RETURN_IF_ERROR(migrate(**db));
  Result<LedgerCounts> counts = count_ledger(**db);
  if (!counts.ok()) return counts.status();
  report.backup_movements = counts->movements;
  Result<std::unique_ptr<Transaction>> tx = Transaction::begin(**db);
  if (!tx.ok()) return tx.status();
  if (exists(paths.database())) salvage(paths.database(), **db, counts->last_seq, report);
  // What the backup believed Wix holds may be stale: the next round reads Wix back.
  SHELFNODE_RETURN_IF_ERROR(delete_meta(**db, "sync.last_reconcile_at"));
  SHELFNODE_RETURN_IF_ERROR((*tx)->commit());
  return Status::Ok();
}

// Moves the damaged database and its WAL aside (kept for support), drops its -shm.
Status keep_damaged(const DataDirPaths& paths, RestoreReport& report) {
  const std::string db = paths.database();
  if (!exists(db)) return Status::Ok();
  const std::string kept = db + ".damaged-" + std::to_string(time(nullptr));
  if (exists(db + "-wal")) SHELFNODE_RETURN_IF_ERROR(rename_durably(db + "-wal", kept + "-wal"));
  if (unlink((db + "-shm").c_str()) != 0 && errno != ENOENT) {
    return io_error("cannot remove " + db + "-shm: " + std::strerror(errno));
  }
  SHELFNODE_RETURN_IF_ERROR(rename_durably(db, kept));
  report.damaged_kept_as = kept;
  return Status::Ok();
}

}  // namespace

Result<RestoreReport> restore_database(const DataDirPaths& paths, const std::string& source) {
  std::unique_ptr<Database> from;
  SHELFNODE_RETURN_IF_ERROR(open_checked(source, from));
  RestoreReport report;
  const std::optional<std::int64_t> written = backup_written_ms(source);
  if (written) report.backup_written_at = format_utc_ms(*written);
  const std::string draft = paths.database() + ".restoring";
  Status built = build(paths, *from, draft, report);
  from.reset();
  if (built.ok()) built = sync_file_and_dir(draft);
  if (!built.ok()) {
    (void)unlink(draft.c_str());
    return built.with_context("restoring from " + source + " (nothing was changed)");
  }
  // From here on the order matters: a crash between the two renames leaves no database at
  // its path and the draft beside it, and `init` refuses to start afresh while a backup is
  // there, so running restore again finishes the job.
  SHELFNODE_RETURN_IF_ERROR(keep_damaged(paths, report));
  SHELFNODE_RETURN_IF_ERROR(rename_durably(draft, paths.database()));
  SHELFNODE_RETURN_IF_ERROR(clear_damage(paths));
  return report;
}

}  // namespace shelfnode::store
