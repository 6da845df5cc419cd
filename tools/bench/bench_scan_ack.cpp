// bench_scan_ack: how long a clerk waits for a scan's durable acknowledgement, beside what
// the storage itself needs for one synced write.
//
// The method. The real `shelfnode scan` runs as a child with pipes. One scan line is written,
// and the clock stops when its reply line arrives: that reply leaves only after the scan's
// movement row was committed to SQLite (WAL, synchronous=FULL), so the figure is
// lookup + ledger write + commit (with its WAL sync) + pipe round trip. In the same loop, in
// the same directory, the benchmark appends 100 bytes to a file of its own and syncs it
// (once with fsync, once with fdatasync): the cheapest durable write this file system offers.
// The three are interleaved, in rotating order, so background load hits all of them alike.
// The goal is scan p99 ≤ 1.5 × raw fsync p99: everything except the one unavoidable sync
// should be small.
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "bench_support.h"
#include "catalog_csv.h"
#include "child_process.h"
#include "device_setup.h"
#include "sync_counts.h"

namespace shelfnode::bench {
namespace {

constexpr std::size_t kDefaultScans = 2000;
constexpr std::size_t kWarmUp = 20;
constexpr std::size_t kCatalogSize = 1000;
constexpr double kBudgetSeconds = 40;  // the loop stops early rather than run past this
constexpr int kReplyTimeoutMs = 10'000;
constexpr double kGoalRatio = 1.5;
// What one single-scan commit writes to the WAL: about 5 frames (the movement row, its index
// entries, the stock row), each a 24-byte header and a 4 KiB page, as strace shows on this
// build. The "20 KiB + fdatasync" row is that write and sync without SQLite around it.
constexpr std::size_t kCommitBytes = 5 * (24 + 4096);

// A file of our own in the data dir, appended to and synced: the storage's floor.
class RawSync {
 public:
  explicit RawSync(const std::string& path)
      : fd_(open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644)) {}
  ~RawSync() {
    if (fd_ >= 0) close(fd_);
  }
  RawSync(const RawSync&) = delete;
  RawSync& operator=(const RawSync&) = delete;
  bool ok() const { return fd_ >= 0; }

  // Microseconds for write(`bytes`) + fsync/fdatasync; negative on error.
  double timed_append(std::size_t bytes, bool data_only) {
    const std::string record(bytes, 'r');
    const SteadyTime t0 = now();
    if (write(fd_, record.data(), bytes) != static_cast<ssize_t>(bytes)) return -1;
    if ((data_only ? fdatasync(fd_) : fsync(fd_)) != 0) return -1;
    return micros_between(t0, now());
  }

 private:
  int fd_;
};

int usage(const std::string& why) {
  if (!why.empty()) std::fprintf(stderr, "bench_scan_ack: %s\n", why.c_str());
  std::fprintf(stderr,
               "usage: bench_scan_ack [--shelfnode PATH] [--dir BASE] [--scans N] [--keep]\n"
               "  --dir BASE  where the temporary data dir goes (default $TMPDIR, else /tmp)\n");
  return 64;
}

// Scan i alternates between the SKU label and the product's GTIN-13.
std::string line_for(const std::vector<CatalogEntry>& catalog, std::size_t i) {
  const CatalogEntry& e = catalog[(i * 37) % catalog.size()];
  return (i % 2 == 0 ? e.sku : e.gtin13) + "\n";
}

void print_ratio(const char* label, double scan_p99, double sync_p99, bool is_goal) {
  const double ratio = sync_p99 > 0 ? scan_p99 / sync_p99 : 0;
  std::printf("  %-34s %6.2f", label, ratio);
  if (is_goal)
    std::printf("   goal <= %.1f: %s", kGoalRatio, ratio <= kGoalRatio ? "MET" : "NOT MET");
  std::printf("\n");
}

int run(const Flags& flags) {
  std::size_t scans = 0;
  if (!flags.get_count("scans", kDefaultScans, scans)) return usage("--scans needs a number > 0");
  DeviceBench bench;
  if (!start_device_bench(flags, "bench_scan_ack", "scan -> durable OK, beside raw synced appends",
                          kCatalogSize, bench)) {
    return 1;
  }
  const BenchDir& dir = bench.dir;
  const std::string& binary = bench.binary;
  const std::vector<CatalogEntry>& catalog = bench.catalog;
  std::string error;
  const std::string sync_log = dir.file("scan-syncs.txt");
  std::unique_ptr<ChildProcess> child = ChildProcess::start(
      scan_command(binary, dir.path()), dir.file("scan.stderr"), sync_counter_env(sync_log), error);
  RawSync with_fsync(dir.file("raw-fsync.bin")), with_fdatasync(dir.file("raw-fdatasync.bin")),
      with_frames(dir.file("raw-frames.bin"));
  if (!child || !with_fsync.ok() || !with_fdatasync.ok() || !with_frames.ok()) {
    std::fprintf(stderr, "bench_scan_ack: cannot start: %s\n", error.c_str());
    return 1;
  }

  std::vector<double> scan_us, fsync_us, fdatasync_us, frames_us;
  const double written_before = children_written_kib();
  std::string reply;
  const SteadyTime start = now();
  std::size_t sent = 0;
  for (std::size_t i = 0; i < kWarmUp + scans; ++i) {
    if (micros_between(start, now()) > kBudgetSeconds * 1e6) break;
    for (std::size_t step = 0; step < 4; ++step) {
      const std::size_t which = (i + step) % 4;
      if (which == 0) {
        const std::string line = line_for(catalog, i);
        const SteadyTime t0 = now();
        if (!child->write_all(line) || !child->read_line(reply, kReplyTimeoutMs)) {
          std::fprintf(stderr, "bench_scan_ack: no reply to scan %zu (see %s)\n", i,
                       dir.file("scan.stderr").c_str());
          return 1;
        }
        const double us = micros_between(t0, now());
        ++sent;
        if (reply.compare(0, 3, "OK ") != 0) {
          std::fprintf(stderr, "bench_scan_ack: scan %zu refused: %s\n", i, reply.c_str());
          return 1;
        }
        if (i >= kWarmUp) scan_us.push_back(us);
        continue;
      }
      RawSync& file = which == 1 ? with_fsync : which == 2 ? with_fdatasync : with_frames;
      const double us = file.timed_append(which == 3 ? kCommitBytes : 100, which != 1);
      if (us < 0) {
        std::perror("bench_scan_ack: raw sync");
        return 1;
      }
      if (i >= kWarmUp)
        (which == 1 ? fsync_us : which == 2 ? fdatasync_us : frames_us).push_back(us);
    }
  }
  const double elapsed_s = micros_between(start, now()) / 1e6;
  child->close_stdin();
  const int exit_code = child->wait(kReplyTimeoutMs);
  const SyncCounts syncs = read_sync_counts(sync_log);
  const double written_kib = children_written_kib() - written_before;

  const Distribution scan = summarize(scan_us), fs = summarize(fsync_us),
                     fds = summarize(fdatasync_us), frames = summarize(frames_us);
  std::printf("  scans   %zu measured after %zu warm-up, one at a time, %.1f s%s\n", scan.count,
              kWarmUp, elapsed_s, scan.count < scans ? " (stopped early: time budget)" : "");
  print_table_header();
  print_row("scan -> OK (receive)", scan);
  print_row("write 100 B + fsync", fs);
  print_row("write 100 B + fdatasync", fds);
  print_row("write 20 KiB + fdatasync", frames);
  print_ratio("ratio scan p99 / fsync p99", scan.p99, fs.p99, true);
  print_ratio("ratio scan p99 / fdatasync p99", scan.p99, fds.p99, false);
  print_ratio("ratio scan p99 / 20 KiB-sync p99", scan.p99, frames.p99, false);
  print_ratio("ratio scan p50 / fsync p50", scan.p50, fs.p50, false);
  std::printf("  scan process %s, exit %d; it wrote %.1f KiB per scan\n", syncs.describe().c_str(),
              exit_code, sent > 0 ? written_kib / static_cast<double>(sent) : 0.0);
  if (syncs.known) {
    std::printf(
        "  commits %zu (one per scan); WAL syncs per commit %.3f; checkpoints ~%ld; "
        "inferred commits %ld\n",
        sent, static_cast<double>(syncs.wal) / static_cast<double>(sent), syncs.db,
        syncs.inferred_commits());
  }
  return exit_code == 0 ? 0 : 1;
}

}  // namespace
}  // namespace shelfnode::bench

int main(int argc, char** argv) {
  using namespace shelfnode::bench;
  return run_benchmark(argc, argv, {"shelfnode", "dir", "scans", "keep!", "help!"}, usage, run);
}
