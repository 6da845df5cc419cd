// backup and restore: the owner's way back from a damaged SD card or eMMC (store/health.h).
#include <cstdio>

#include "cli/commands.h"
#include "shelfnode/core/logger.h"
#include "shelfnode/core/plural.h"
#include "shelfnode/store/backup.h"
#include "shelfnode/store/health.h"
#include "shelfnode/store/restore.h"

namespace shelfnode::cli {
namespace {

std::string megabytes(std::int64_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / 1e6);
  return text;
}

// A checked backup; damage the check finds in the live file is recorded like any other.
Result<store::BackupReport> back_up_now(App& app, const std::string& dest) {
  Result<store::BackupReport> r = store::backup_database(app.db(), dest);
  if (!r.ok()) return r.status();
  if (!r->damage.empty()) return store::record_damage(app.paths(), r->damage);
  log_info("backup.done", {{"to", dest},
                           {"movements", std::to_string(r->movements)},
                           {"bytes", std::to_string(r->bytes)}});
  return r;
}

}  // namespace

Status back_up_if_due(App& app, std::int64_t interval_s) {
  const std::string dest = app.paths().default_backup();
  Result<store::BackupInfo> info = store::read_backup_info(dest);
  if (info.ok()) {
    Result<store::LedgerCounts> live = store::count_ledger(app.db());
    if (!live.ok()) return live.status();
    if (live->last_seq == info->last_seq) return Status::Ok();  // nothing new to keep
    if (info->written_ms > app.clock().now_ms() - interval_s * 1000) return Status::Ok();
  }
  return back_up_now(app, dest).status();
}

int run_backup(App& app, const Args& args) {
  Status s = app.open_for_write("backup");
  if (!s.ok()) return fail(s);
  const std::string dest = args.get("to", app.paths().default_backup());
  Result<store::BackupReport> r = back_up_now(app, dest);
  if (!r.ok()) return fail(r.status());
  std::printf("backed up %s to %s (%s, checked)\n", plural(r->movements, "movement").c_str(),
              dest.c_str(), megabytes(r->bytes).c_str());
  return 0;
}

int run_restore(App& app, const Args& args) {
  Status s = app.lock_for_restore();
  if (!s.ok()) return fail(s);
  const std::string source = args.get("from", app.paths().default_backup());
  Result<store::RestoreReport> r = store::restore_database(app.paths(), source);
  if (!r.ok()) return fail(r.status());
  std::printf("restored %s from %s (backup of %s, %s)\n", app.paths().database().c_str(),
              source.c_str(), r->backup_written_at.c_str(),
              plural(r->backup_movements, "movement").c_str());
  if (!r->damaged_kept_as.empty()) {
    std::printf("kept %s made after the backup from the database it replaced%s\n",
                plural(r->salvaged, "scan or command", "scans and commands").c_str(),
                r->salvage_stopped.empty() ? "" : " (it stopped at an unreadable part)");
    std::printf("the database it replaced is kept as %s\n", r->damaged_kept_as.c_str());
  }
  if (!r->salvage_stopped.empty()) {
    std::printf(
        "count again whatever was scanned after %s: those scans could not all be read back\n",
        r->backup_written_at.c_str());
  }
  std::printf(
      "next: `shelfnode sync` pulls the online orders since the backup again and reads every "
      "managed SKU back from Wix before pushing\n");
  return 0;
}

}  // namespace shelfnode::cli
