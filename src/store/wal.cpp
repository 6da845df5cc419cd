// The data dir's WAL: kept at its size, overwritten in place, checkpointed where no clerk
// waits for it (src/store/README.md, "The WAL").
#include <sys/stat.h>
#include <sys/statvfs.h>

#include <string>

#include "shelfnode/store/database.h"

namespace shelfnode::store {
namespace {

constexpr std::int64_t kWalHeaderBytes = 32;
constexpr std::int64_t kFrameHeaderBytes = 24;
// The reserve is written only where it leaves the file system this many times its size free:
// on a nearly full card those megabytes are better left to the ledger itself, and the WAL then
// grows as it needs to, as it did before there was a reserve.
constexpr std::int64_t kRoomFactor = 16;

std::int64_t file_size(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 ? static_cast<std::int64_t>(st.st_size) : 0;
}

bool room_for(const std::string& path, std::int64_t bytes) {
  struct statvfs fs {};
  if (statvfs(path.c_str(), &fs) != 0) return false;
  const std::int64_t free_bytes =
      static_cast<std::int64_t>(fs.f_bavail) * static_cast<std::int64_t>(fs.f_frsize);
  return free_bytes >= kRoomFactor * bytes;
}

Result<std::int64_t> pragma_int(Database& db, const char* sql) {
  Result<Statement> s = db.prepare(sql);
  if (!s.ok()) return s.status();
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  if (!*row) return internal_error(std::string(sql) + " gave no row");
  return s->int_at(0);
}

// Clears a flag when the scope ends, however it ends.
class Flag {
 public:
  explicit Flag(bool& flag) : flag_(flag) { flag_ = true; }
  ~Flag() { flag_ = false; }
  Flag(const Flag&) = delete;
  Flag& operator=(const Flag&) = delete;

 private:
  bool& flag_;
};

}  // namespace

int Database::note_wal_size(void* self, sqlite3*, const char*, int frames) {
  static_cast<Database*>(self)->wal_frames_ = frames;
  return SQLITE_OK;
}

// For the data dir's read-write connection. A read-only connection never removes the WAL:
// it cannot take the exclusive lock that closing the last connection needs to checkpoint.
Status Database::keep_wal() {
  // The last connection to close would otherwise checkpoint and delete the WAL (and -shm), and
  // the next session would append into a new file again. Not a database file (":memory:"):
  // SQLITE_NOTFOUND, nothing to keep.
  int persist = 1;
  if (sqlite3_file_control(db_, "main", SQLITE_FCNTL_PERSIST_WAL, &persist) != SQLITE_OK) {
    return Status::Ok();
  }
  // -1 is SQLite's default; set anyway, since any limit makes SQLite cut the kept file down
  // again whenever the WAL starts over.
  SHELFNODE_RETURN_IF_ERROR(exec("PRAGMA journal_size_limit=-1"));
  Result<std::int64_t> page = pragma_int(*this, "PRAGMA page_size");
  if (!page.ok()) return page.status();
  frame_bytes_ = *page + kFrameHeaderBytes;
  // Replaces SQLite's automatic checkpoint (which would run inside the commit that crosses
  // 1,000 frames, before its acknowledgement) with a note of the WAL's size after each commit.
  sqlite3_wal_hook(db_, &Database::note_wal_size, this);
  keeps_wal_ = true;
  return Status::Ok();
}

CheckpointNeed Database::checkpoint_need() const {
  if (!keeps_wal_ || !poisoned_.ok()) return CheckpointNeed::kNone;
  const std::int64_t bytes = kWalHeaderBytes + wal_frames_ * frame_bytes_;
  if (bytes >= kCheckpointNowBytes) return CheckpointNeed::kNow;
  if (bytes >= kCheckpointIdleBytes) return CheckpointNeed::kWhenIdle;
  return CheckpointNeed::kNone;
}

Status Database::after_commit() {
  // COMMIT returned after its fsync, but into the files this connection holds: only if they
  // are still the ones at the data dir's paths is the commit really on disk.
  Status s = check_files();
  if (!s.ok() || defer_checkpoints_ || checkpointing_) return s;
  if (checkpoint_need() == CheckpointNeed::kNone) return s;
  // Where SQLite's automatic checkpoint would have run. Its failure is not the commit's: the
  // commit is on disk, and the frames stay in the WAL for the next checkpoint.
  (void)checkpoint_idle();
  return s;
}

// One commit that changes nothing (page 1 rewritten with the user_version it holds). After a
// complete checkpoint, SQLite starts the WAL over at the next write when no reader still uses
// it, writing a new header (new salts, so the old frames behind it are no longer valid) and
// syncing it before the frames: that header sync is paid here instead of by the next commit.
Status Database::rewind_wal() {
  Result<std::unique_ptr<Transaction>> tx = Transaction::begin(*this);
  if (!tx.ok()) return tx.status();
  Result<std::int64_t> version = pragma_int(*this, "PRAGMA user_version");
  if (!version.ok()) return version.status();
  const std::string same = "PRAGMA user_version=" + std::to_string(*version);
  SHELFNODE_RETURN_IF_ERROR(exec(same.c_str()));
  return (*tx)->commit();
}

Result<CheckpointReport> Database::checkpoint_idle() {
  CheckpointReport report;
  if (!keeps_wal_) return report;
  SHELFNODE_RETURN_IF_ERROR(poisoned_);
  Flag busy(checkpointing_);
  int frames = 0, backfilled = 0;
  const int rc =
      sqlite3_wal_checkpoint_v2(db_, "main", SQLITE_CHECKPOINT_PASSIVE, &frames, &backfilled);
  if (rc == SQLITE_BUSY) return report;  // another connection is checkpointing right now
  if (rc != SQLITE_OK) return sqlite_status(db_, rc, "checkpointing the WAL");
  report.frames = frames;
  report.backfilled = backfilled;
  // A reader's snapshot still needs the newer frames: the WAL cannot start over yet.
  if (backfilled < frames) return report;
  // Without waiting: a writer on another connection holding the lock now is left alone (its
  // own commit then starts the WAL over, paying the header sync this would have paid).
  sqlite3_busy_timeout(db_, 0);
  Status rewound = rewind_wal();
  restore_busy_wait();
  if (rewound.code() == Code::kConflict) return report;
  SHELFNODE_RETURN_IF_ERROR(rewound);
  // One frame: the WAL started over with it. More: a reader that began before the checkpoint
  // still held the old frames, so the frame was appended instead (the next call restarts).
  report.restarted = wal_frames_ == 1;
  return report;
}

// Appends commits that change nothing until the WAL holds `bytes`. They are real frames
// written by SQLite, so every block of the file is allocated and written: an fallocate'd
// file would instead hold unwritten extents, whose first overwrite costs a metadata update
// in the sync, the cost the reserve is there to avoid. They go unsynced (there is nothing in
// them to lose); checkpoint_idle() syncs the whole WAL before it copies.
Status Database::fill_wal(std::int64_t bytes) {
  SHELFNODE_RETURN_IF_ERROR(exec("PRAGMA synchronous=OFF"));
  Status s = Status::Ok();
  // Each commit adds one frame: the bound only guards against a WAL that does not report.
  const std::int64_t most = bytes / frame_bytes_ + 1;
  for (std::int64_t n = 0;
       s.ok() && n < most && kWalHeaderBytes + wal_frames_ * frame_bytes_ < bytes; ++n) {
    s = rewind_wal();
  }
  Status full = exec("PRAGMA synchronous=FULL");
  // Never go on committing without the sync DESIGN invariant 1 rests on.
  if (!full.ok()) poisoned_ = full.with_context("setting synchronous=FULL back after the WAL fill");
  return s.ok() ? full : s;
}

Status Database::prepare_wal() {
  if (!keeps_wal_) return Status::Ok();
  if (file_size(path_ + "-wal") < kWalReserveBytes && room_for(path_, kWalReserveBytes)) {
    Flag busy(checkpointing_);  // the fill's commits must not checkpoint on the way
    SHELFNODE_RETURN_IF_ERROR(fill_wal(kWalReserveBytes).with_context("reserving the WAL"));
  }
  return checkpoint_idle().status();
}

}  // namespace shelfnode::store
