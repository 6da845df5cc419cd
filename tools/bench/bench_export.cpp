// bench_export: what `shelfnode export` costs on a large device, and that its memory does not
// grow with the ledger.
//
// The method. Two data dirs are filled with SQL (large_ledger.h): a small one (10,000
// movements) and a large one (1,000,000 movements over 100,000 SKUs, about 180 MB). Each is
// filled in a forked child that exits before anything is measured, so this process stays
// small; the measured child runs under peak_rss (peak_rss.c), so its peak is its own
// whatever this process's size. Then the real binary runs, stdout to a file in the
// same directory:
//   export movements --csv, export movements --json, export stock --csv,
//   history SKU-7 (the worst case of `history CODE`: the whole table walked)
// for each ledger, timed from outside, with peak RSS and the output's size. The goal: the
// large ledger's peak within a few hundred KiB of the small one's (the export streams).
// Own flags: --dir BASE, --movements N, --skus N, --keep, --shelfnode PATH.
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "bench_support.h"
#include "device_setup.h"
#include "large_ledger.h"
#include "measured_run.h"
#include "shelfnode/store/schema.h"

namespace shelfnode::bench {
namespace {

constexpr std::size_t kSmallMovements = 10'000;
constexpr int kTimeoutSeconds = 600;

// Builds DIR/shelfnode.db in a child process; false with `error`.
bool build_ledger(const std::string& dir, std::size_t skus, std::size_t movements,
                  std::string& error) {
  if (mkdir(dir.c_str(), 0700) != 0) {
    error = "cannot create " + dir;
    return false;
  }
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid < 0) {
    error = "fork failed";
    return false;
  }
  if (pid == 0) {
    const std::string path = dir + "/shelfnode.db";
    Status s = store::create_database(path);
    auto db = store::Database::open(path, store::OpenMode::kReadWrite);
    if (s.ok()) s = db.status();
    if (s.ok()) s = fill_large_ledger(**db, skus, movements);
    if (s.ok()) s = (*db)->exec("PRAGMA wal_checkpoint(TRUNCATE)");
    if (!s.ok()) std::fprintf(stderr, "bench_export: %s\n", s.message().c_str());
    _exit(s.ok() ? 0 : 70);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    error = "filling " + dir + " failed";
    return false;
  }
  return true;
}

long file_size(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 ? static_cast<long>(st.st_size) : -1;
}

bool measure(const std::string& binary, const std::string& data_dir, const std::string& label,
             const std::vector<std::string>& command, std::size_t rows) {
  std::vector<std::string> argv{binary, "--data-dir", data_dir};
  argv.insert(argv.end(), command.begin(), command.end());
  const std::string out = data_dir + "/export.out";
  (void)unlink(out.c_str());
  MeasuredRun run;
  std::string error;
  if (!run_measured(argv, out, data_dir + "/export.err", kTimeoutSeconds, run, error)) {
    std::fprintf(stderr, "bench_export: %s\n", error.c_str());
    return false;
  }
  const double mb = static_cast<double>(file_size(out)) / 1e6;
  std::printf("  %-34s  exit %d  %7.2f s  %8.0f rows/s  %7.1f MB out  peak RSS %6ld KiB"
              " (anon %ld KiB sampled)\n",
              label.c_str(), run.exit_code, run.wall_seconds,
              run.wall_seconds > 0 ? static_cast<double>(rows) / run.wall_seconds : 0.0, mb,
              run.max_rss_kib, run.sampled_anon_kib);
  return run.exit_code == 0;
}

int usage(const std::string& why) {
  std::fprintf(stderr,
               "%s\nusage: bench_export [--dir BASE] [--movements N] [--skus N] [--keep] "
               "[--shelfnode PATH]\n",
               why.c_str());
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
  const std::string binary = shelfnode_binary(flags);
  std::printf("bench_export on %s\n", describe_filesystem(dir.path()).c_str());
  bool ok = true;
  for (const std::size_t n : {kSmallMovements, movements}) {
    const std::string data_dir = dir.file("ledger-" + std::to_string(n));
    const SteadyTime filled = now();
    const std::size_t sku_count = std::min(skus, n);
    if (!build_ledger(data_dir, sku_count, n, error)) {
      std::fprintf(stderr, "bench_export: %s\n", error.c_str());
      return 70;
    }
    std::printf("%zu movements over %zu SKUs (built in %.1f s):\n", n, sku_count,
                micros_between(filled, now()) / 1e6);
    ok = measure(binary, data_dir, "export movements --csv", {"export", "movements", "--csv"}, n) &&
         ok;
    ok = measure(binary, data_dir, "export movements --json", {"export", "movements", "--json"},
                 n) &&
         ok;
    ok = measure(binary, data_dir, "export stock --csv", {"export", "stock", "--csv"}, sku_count) &&
         ok;
    // No index on SKU (it would cost every scan's commit a page): the worst case of a
    // history of one SKU is a walk of the whole table.
    ok = measure(binary, data_dir, "history SKU-7 (whole table)", {"history", "SKU-7", "--limit",
                 "1000000"}, n) && ok;
  }
  return ok ? 0 : 1;
}

}  // namespace
}  // namespace shelfnode::bench

int main(int argc, char** argv) {
  using namespace shelfnode::bench;
  return run_benchmark(argc, argv,
                       {"dir", "movements", "skus", "keep!", "help!", "shelfnode"}, usage, run);
}
