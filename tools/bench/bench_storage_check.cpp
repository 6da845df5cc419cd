// bench_storage_check: what the damage checks and a backup cost on a large device.
//
// The method. A data dir's database (WAL, 1 KiB pages, as `init` makes it) gets 100,000
// catalog rows and 1,000,000 movements over them, with their stock rows (large_ledger.h).
// Then, each timed with steady_clock on the same
// connection a command would use:
//  - the header check every command makes (store::check_file_header), mean of 1,000 calls;
//  - SQLite's quick_check (store::quick_check) as `init`, `scan` and an hourly `sync` run it,
//    three times with the file in the page cache (the first may also read it from disk);
//  - a checked backup (store::backup_database): copy, quick_check of the copy, fsync, rename.
// Own flags: --dir BASE, --movements N, --skus N, --keep.
#include <chrono>
#include <cstdio>
#include <string>

#include "bench_support.h"
#include "large_ledger.h"
#include "shelfnode/store/backup.h"
#include "shelfnode/store/database.h"
#include "shelfnode/store/health.h"
#include "shelfnode/store/schema.h"

namespace shelfnode::bench {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

int usage(const std::string& why) {
  std::fprintf(stderr, "%s\nusage: bench_storage_check [--dir BASE] [--movements N] [--skus N] "
               "[--keep]\n", why.c_str());
  return 64;
}

int run(const Flags& flags) {
  std::size_t movements = 0, skus = 0;
  if (!large_ledger_flags(flags, movements, skus)) {
    return usage("--movements and --skus take a positive whole number");
  }
  BenchDir dir;
  std::string error;
  if (!dir.create(choose_base_dir(flags), error)) return usage(error);
  if (flags.has("keep")) dir.keep();
  const std::string path = dir.file("shelfnode.db");
  Status s = store::create_database(path);
  auto db = store::Database::open(path, store::OpenMode::kReadWrite);
  if (s.ok()) s = db.status();
  const Clock::time_point filled = Clock::now();
  if (s.ok()) s = fill_large_ledger(**db, skus, movements);
  if (s.ok()) s = (*db)->exec("PRAGMA wal_checkpoint(TRUNCATE)");
  if (!s.ok()) {
    std::fprintf(stderr, "bench_storage_check: %s\n", s.message().c_str());
    return 70;
  }
  std::printf("database: %zu SKUs, %zu movements, built in %.1f s on %s\n", skus, movements,
              seconds_since(filled), describe_filesystem(dir.path()).c_str());

  const Clock::time_point headers = Clock::now();
  for (int i = 0; i < 1000; ++i) s = store::check_file_header(path);
  std::printf("header check (every command): %.1f us each, %s\n",
              seconds_since(headers) * 1e6 / 1000, s.ok() ? "ok" : s.message().c_str());

  for (int round = 1; round <= 3; ++round) {
    const Clock::time_point start = Clock::now();
    Result<std::string> problem = store::quick_check(**db);
    std::printf("quick_check %d (init, scan start, hourly sync): %.2f s, %s\n", round,
                seconds_since(start),
                !problem.ok() ? problem.status().message().c_str()
                              : problem->empty() ? "ok" : problem->c_str());
  }

  const Clock::time_point start = Clock::now();
  Result<store::BackupReport> backup = store::backup_database(**db, dir.file("backup.db"));
  if (!backup.ok()) {
    std::fprintf(stderr, "bench_storage_check: backup: %s\n", backup.status().message().c_str());
    return 70;
  }
  std::printf("checked backup: %.2f s for %.1f MB (%lld movements)\n", seconds_since(start),
              static_cast<double>(backup->bytes) / 1e6,
              static_cast<long long>(backup->movements));
  return 0;
}

}  // namespace
}  // namespace shelfnode::bench

int main(int argc, char** argv) {
  using namespace shelfnode::bench;
  return run_benchmark(argc, argv, {"dir", "movements", "skus", "keep!", "help!"}, usage, run);
}
