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
// The goal is scan p99 <= 1.2 x raw fsync p99: everything except the one unavoidable sync
// should be small. Three phases, each with its own scan session and its own ratio:
//  - steady state: a prepared device, after a warm-up;
//  - a fresh data dir, its first scans (no warm-up): what a device sees from its first scan;
//  - steady state beside a sync-like load (sync_like_load.h): readers holding snapshots and a
//    backup-sized synced write, which is what a sync round can do beside a scan session today.
// The sync-counter library (sync_counter.cpp) in each session says how many syncs each
// acknowledgement waited for, and how many ran where no acknowledgement waited.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include "bench_support.h"
#include "catalog_csv.h"
#include "child_process.h"
#include "device_setup.h"
#include "sync_counts.h"
#include "sync_like_load.h"

namespace shelfnode::bench {
namespace {

constexpr std::size_t kDefaultScans = 2000;
constexpr std::size_t kWarmUp = 20;
constexpr std::size_t kFreshScans = 200;
constexpr std::size_t kCatalogSize = 1000;
constexpr double kBudgetSeconds = 40;  // a phase stops early rather than run past this
constexpr int kReplyTimeoutMs = 10'000;
constexpr double kGoalRatio = 1.2;
// What one single-scan commit writes to the WAL: about 4 frames (the movement row, its id
// index entry, the stock row, page 1 when the file grows), each a 24-byte header and a 1 KiB
// page, as strace shows on this build.
constexpr std::size_t kCommitBytes = 4 * (24 + 1024);
// The in-place row's file: as large as the WAL shelfnode keeps (store::kWalReserveBytes).
constexpr std::size_t kInPlaceFileBytes = std::size_t{4} << 20;

// A file of our own in the data dir, synced after each write: the storage's floor. Appended
// to (the file grows with every write, as a WAL that is not kept does), or overwritten in
// place, record after record, over blocks written and synced beforehand (as the kept WAL is).
class RawSync {
 public:
  RawSync(const std::string& path, bool in_place)
      : fd_(open(path.c_str(), O_RDWR | O_CREAT | (in_place ? 0 : O_APPEND) | O_CLOEXEC, 0644)),
        in_place_(in_place) {
    if (fd_ < 0 || !in_place) return;
    const std::string block(65536, 'w');
    for (std::size_t at = 0; fd_ >= 0 && at < kInPlaceFileBytes; at += block.size()) {
      if (write(fd_, block.data(), block.size()) != static_cast<ssize_t>(block.size()))
        close_file();
    }
    if (fd_ >= 0 && fdatasync(fd_) != 0) close_file();
  }
  ~RawSync() { close_file(); }
  RawSync(const RawSync&) = delete;
  RawSync& operator=(const RawSync&) = delete;
  bool ok() const { return fd_ >= 0; }

  // Microseconds for writing `bytes` + fsync/fdatasync; negative on error.
  double timed_write(std::size_t bytes, bool data_only) {
    const std::string record(bytes, 'r');
    if (in_place_ && offset_ + bytes > kInPlaceFileBytes) offset_ = 0;
    const SteadyTime t0 = now();
    const ssize_t n = in_place_ ? pwrite(fd_, record.data(), bytes, static_cast<off_t>(offset_))
                                : write(fd_, record.data(), bytes);
    if (n != static_cast<ssize_t>(bytes)) return -1;
    if ((data_only ? fdatasync(fd_) : fsync(fd_)) != 0) return -1;
    offset_ += bytes;
    return micros_between(t0, now());
  }

 private:
  void close_file() {
    if (fd_ >= 0) close(fd_);
    fd_ = -1;
  }
  int fd_;
  bool in_place_;
  std::size_t offset_ = 0;
};

int usage(const std::string& why) {
  if (!why.empty()) std::fprintf(stderr, "bench_scan_ack: %s\n", why.c_str());
  std::fprintf(stderr,
               "usage: bench_scan_ack [--shelfnode PATH] [--dir BASE] [--scans N] [--keep]\n"
               "  --dir BASE  where the temporary data dirs go (default $TMPDIR, else /tmp)\n"
               "  --scans N   scans measured in the steady phase (default 2000; half of it\n"
               "              beside the sync-like load, 200 on the fresh data dir)\n");
  return 64;
}

// Scan i alternates between the SKU label and the product's GTIN-13.
std::string line_for(const std::vector<CatalogEntry>& catalog, std::size_t i) {
  const CatalogEntry& e = catalog[(i * 37) % catalog.size()];
  return (i % 2 == 0 ? e.sku : e.gtin13) + "\n";
}

struct Phase {
  const char* title;
  const char* tag;  // names its files
  std::size_t warm_up;
  std::size_t scans;
};

struct PhaseResult {
  Distribution scan, fsync, fdatasync, frames;
  double first_scan_us = 0;
  std::size_t sent = 0;
  double elapsed_s = 0;
  double written_kib = 0;
  int exit_code = -1;
  SyncCounts syncs;
};

// The session logs scan.start once it is open, checked and its WAL prepared: only then is a
// scan timed, so the first one measures the first commit and not the process starting.
bool wait_until_started(const std::string& stderr_path) {
  const SteadyTime start = now();
  while (micros_between(start, now()) < kReplyTimeoutMs * 1e3) {
    std::ifstream log(stderr_path);
    const std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
    if (text.find("event=scan.start") != std::string::npos) return true;
    timespec pause{0, 1'000'000};
    nanosleep(&pause, nullptr);
  }
  return false;
}

double ratio(double a, double b) {
  return b > 0 ? a / b : 0;
}

// One scan session on `data_dir`, `phase.warm_up + phase.scans` scans one at a time,
// interleaved with the raw syncs. False (with a message on stderr) when it could not run.
bool run_phase(const DeviceBench& bench, const std::string& data_dir, const Phase& phase,
               PhaseResult& out) {
  const std::string tag = phase.tag;
  const std::string sync_log = bench.dir.file("syncs-" + tag + ".txt");
  const std::string stderr_path = bench.dir.file("scan-" + tag + ".stderr");
  std::string error;
  const double written_before = children_written_kib();
  std::unique_ptr<ChildProcess> child = ChildProcess::start(
      scan_command(bench.binary, data_dir), stderr_path, sync_counter_env(sync_log), error);
  RawSync with_fsync(bench.dir.file("raw-fsync-" + tag), false),
      with_fdatasync(bench.dir.file("raw-fdatasync-" + tag), false),
      with_frames(bench.dir.file("raw-in-place-" + tag), true);
  if (!child || !with_fsync.ok() || !with_fdatasync.ok() || !with_frames.ok()) {
    std::fprintf(stderr, "bench_scan_ack: cannot start: %s\n", error.c_str());
    return false;
  }
  if (!wait_until_started(stderr_path)) {
    std::fprintf(stderr, "bench_scan_ack: the scan session did not start (see %s)\n",
                 stderr_path.c_str());
    return false;
  }
  std::vector<double> scan_us, fsync_us, fdatasync_us, frames_us;
  std::string reply;
  const SteadyTime start = now();
  for (std::size_t i = 0; i < phase.warm_up + phase.scans; ++i) {
    if (micros_between(start, now()) > kBudgetSeconds * 1e6) break;
    const bool measured = i >= phase.warm_up;
    for (std::size_t step = 0; step < 4; ++step) {
      const std::size_t which = (i + step) % 4;
      if (which == 0) {
        const SteadyTime t0 = now();
        if (!child->write_all(line_for(bench.catalog, i)) ||
            !child->read_line(reply, kReplyTimeoutMs)) {
          std::fprintf(stderr, "bench_scan_ack: no reply to scan %zu (see %s)\n", i,
                       stderr_path.c_str());
          return false;
        }
        const double us = micros_between(t0, now());
        if (reply.compare(0, 3, "OK ") != 0) {
          std::fprintf(stderr, "bench_scan_ack: scan %zu refused: %s\n", i, reply.c_str());
          return false;
        }
        if (out.sent++ == 0) out.first_scan_us = us;
        if (measured) scan_us.push_back(us);
        continue;
      }
      RawSync& file = which == 1 ? with_fsync : which == 2 ? with_fdatasync : with_frames;
      const double us = file.timed_write(which == 3 ? kCommitBytes : 100, which != 1);
      if (us < 0) {
        std::perror("bench_scan_ack: raw sync");
        return false;
      }
      if (measured) (which == 1 ? fsync_us : which == 2 ? fdatasync_us : frames_us).push_back(us);
    }
  }
  out.elapsed_s = micros_between(start, now()) / 1e6;
  child->close_stdin();
  out.exit_code = child->wait(kReplyTimeoutMs);
  out.syncs = read_sync_counts(sync_log);
  out.written_kib = children_written_kib() - written_before;
  out.scan = summarize(scan_us);
  out.fsync = summarize(fsync_us);
  out.fdatasync = summarize(fdatasync_us);
  out.frames = summarize(frames_us);
  return true;
}

void print_ratio(const char* label, double value, bool is_goal) {
  std::printf("  %-34s %6.2f", label, value);
  if (is_goal)
    std::printf("   goal <= %.1f: %s", kGoalRatio, value <= kGoalRatio ? "MET" : "NOT MET");
  std::printf("\n");
}

void print_phase(const Phase& phase, const PhaseResult& r) {
  std::printf("\n  %s\n", phase.title);
  std::printf("  scans   %zu measured after %zu warm-up, one at a time, %.1f s%s\n", r.scan.count,
              phase.warm_up, r.elapsed_s,
              r.scan.count < phase.scans ? " (stopped early: time budget)" : "");
  print_table_header();
  print_row("scan -> OK (receive)", r.scan);
  print_row("write 100 B + fsync", r.fsync);
  print_row("write 100 B + fdatasync", r.fdatasync);
  print_row("overwrite 4 KiB + fdatasync", r.frames);
  print_ratio("ratio scan p99 / fsync p99", ratio(r.scan.p99, r.fsync.p99), true);
  print_ratio("ratio scan p99 / fdatasync p99", ratio(r.scan.p99, r.fdatasync.p99), false);
  print_ratio("ratio scan p99 / in-place p99", ratio(r.scan.p99, r.frames.p99), false);
  print_ratio("ratio scan p50 / fsync p50", ratio(r.scan.p50, r.fsync.p50), false);
  if (phase.warm_up == 0) std::printf("  first scan of the data dir: %.0f us\n", r.first_scan_us);
  std::printf("  scan process %s, exit %d; it wrote %.1f KiB per scan\n",
              r.syncs.describe().c_str(), r.exit_code,
              r.sent > 0 ? r.written_kib / static_cast<double>(r.sent) : 0.0);
  if (r.syncs.known) {
    std::printf("  syncs each OK waited for (%ld of %ld commits): %s\n", r.syncs.sorted_batches(),
                r.syncs.commits(), r.syncs.describe_acks().c_str());
    std::printf("  syncs no OK waited for (checkpoints, start, close): %s\n",
                r.syncs.off_the_ack_path().c_str());
  }
}

int run(const Flags& flags) {
  std::size_t scans = 0;
  if (!flags.get_count("scans", kDefaultScans, scans)) return usage("--scans needs a number > 0");
  DeviceBench bench;
  if (!start_device_bench(flags, "bench_scan_ack", "scan -> durable OK, beside raw synced appends",
                          kCatalogSize, bench)) {
    return 1;
  }
  const Phase steady{"steady state (a prepared device)", "steady", kWarmUp, scans};
  const Phase fresh{"fresh data dir: its first scans, no warm-up", "fresh", 0, kFreshScans};
  const Phase loaded{"steady state beside a sync-like load (stock --json + a synced database copy)",
                     "loaded", kWarmUp, scans / 2};
  PhaseResult at_steady, at_fresh, at_load;
  if (!run_phase(bench, bench.dir.path(), steady, at_steady)) return 1;
  print_phase(steady, at_steady);

  const std::string fresh_dir = bench.dir.file("fresh");
  std::string error;
  if (mkdir(fresh_dir.c_str(), 0700) != 0 ||
      !prepare_device(bench.binary, fresh_dir, bench.catalog, error)) {
    std::fprintf(stderr, "bench_scan_ack: fresh data dir: %s\n", error.c_str());
    return 1;
  }
  if (!run_phase(bench, fresh_dir, fresh, at_fresh)) return 1;
  print_phase(fresh, at_fresh);

  {
    SyncLikeLoad load(bench.binary, bench.dir.path());
    const bool ran = run_phase(bench, bench.dir.path(), loaded, at_load);
    load.stop();
    if (!ran) return 1;
    print_phase(loaded, at_load);
    std::printf("  load: %ld rounds%s%s\n", load.rounds(), load.problem().empty() ? "" : "; ",
                load.problem().c_str());
  }

  std::printf(
      "\n  summary: scan p99 / fsync p99 = %.2f steady, %.2f fresh data dir, %.2f beside "
      "the load (goal <= %.1f)\n",
      ratio(at_steady.scan.p99, at_steady.fsync.p99), ratio(at_fresh.scan.p99, at_fresh.fsync.p99),
      ratio(at_load.scan.p99, at_load.fsync.p99), kGoalRatio);
  const bool exited_cleanly =
      at_steady.exit_code == 0 && at_fresh.exit_code == 0 && at_load.exit_code == 0;
  return exited_cleanly ? 0 : 1;
}

}  // namespace
}  // namespace shelfnode::bench

int main(int argc, char** argv) {
  using namespace shelfnode::bench;
  return run_benchmark(argc, argv, {"shelfnode", "dir", "scans", "keep!", "help!"}, usage, run);
}
