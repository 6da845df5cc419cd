// bench_daemon: what `shelfnode daemon` costs a device while it waits, and what it costs a
// clerk's scan (issue 13).
//
// The method. Every figure comes from the real binaries as systemd would run them: the
// benchmark owns the notify socket ($NOTIFY_SOCKET, a datagram socket that asks for the
// sender's credentials, as systemd's does) and plays a serial scanner on a pseudo-terminal
// that config.json `scanners` names. Devices are prepared with the real binary: init, a
// mapped warehouse "shop", a catalogue of --skus SKUs by `catalog import`.
//  - Cold start: from just before posix_spawn(`shelfnode --data-dir D daemon`) to the
//    arrival of READY=1. shelfnode execs shelfnoded in the same process (the sender's PID
//    proves it). Interleaved with it: shelfnoded started directly (no libcurl, no shelfnode
//    before it) and `shelfnode --version` run to its exit (loading shelfnode and the libraries
//    libcurl brings). A few starts traced with ptrace, stopped only at the two execve()s, say
//    where each start's time went. SIGTERM and reaping between starts. The page cache is
//    warm (nothing here drops it): this is a service restart, not a boot from a cold disk.
//  - Idle wake-ups: voluntary + involuntary context switches of the daemon's threads
//    (/proc/PID/task/*/status) at the start and the end of a window in which nothing is asked
//    of it: an offline device after READY; the same with WATCHDOG_USEC=30000000 over a window
//    long enough for two pings; a connected device once its start-up round and catalog pull
//    are over (sync.interval_seconds 86400, so no round is due).
//  - Idle memory: VmRSS and VmHWM of /proc/PID/status of the daemon itself. Not wait4()'s
//    ru_maxrss: posix_spawn() runs the child on the parent's mm until the exec, and the kernel
//    folds that mm's high-water mark into the child's ru_maxrss, so it reports at least the
//    benchmark's own size (printed once to show it). VmHWM belongs to the mm, which execve()
//    replaces: a traced start reads VmHWM of shelfnode at its execve(shelfnoded) and of the
//    daemon after READY, to show that the daemon's figure does not include shelfnode's.
//  - Scan -> OK: a scan's bytes written into the pseudo-terminal's master, the clock stopped
//    when the daemon's reply line arrives on its stdout (written after the commit returned).
//    In the same loop, in the same directory, in rotating order: 100 bytes appended + fsync,
//    the same + fdatasync, and 4 KiB overwritten in place + fdatasync (raw_sync.h), as
//    bench_scan_ack does, so load on the machine hits all of them alike. Goal: scan p99 <=
//    1.2 x raw fsync p99. The phases: (1) an offline device, where no round can run, with
//    codes in no catalogue timed beside it (the round trip without a commit); (2) a device
//    connected to the emulator's V1 fixture site while `shelfnode sync` asks for rounds back
//    to back and the emulator delays every Wix call by --latency-ms, until at least five
//    rounds started (rounds of about a second: planning, pushes, their writes, the backup
//    that ends each); (3) a device first started against a generated V3 store of
//    --site-skus variants: during its start-up sync round (the first reconcile reads every
//    inventory item, pages of 1000 at the client's 200 requests/min) and then during its
//    start-up catalog pull (every variant written, a page of 1000 per transaction). Around
//    every measured scan the daemon's status is asked (untimed) to count the scans that a
//    round really ran across. Memory is read again after each phase.
#include <cstdio>
#include <string>
#include <thread>

#include "daemon_bench.h"
#include "device_setup.h"

namespace shelfnode::bench {
namespace {

constexpr std::size_t kDefaultStarts = 20;
constexpr std::size_t kDefaultIdleSeconds = 10;
constexpr std::size_t kDefaultScans = 1000;
constexpr std::size_t kDefaultSkus = 10'000;
constexpr std::size_t kDefaultSiteSkus = 100'000;
constexpr std::size_t kDefaultLatencyMs = 250;

int usage(const std::string& why) {
  if (!why.empty()) std::fprintf(stderr, "bench_daemon: %s\n", why.c_str());
  std::fprintf(
      stderr,
      "usage: bench_daemon [--shelfnode PATH] [--dir BASE] [--starts N] [--idle-seconds S]\n"
      "                    [--scans N] [--skus N] [--site-skus N] [--latency-ms MS]\n"
      "                    [--offline] [--keep]\n"
      "  --starts N        cold starts of each kind (default 20)\n"
      "  --idle-seconds S  each idle window (default 10; the watchdog's is at least 31)\n"
      "  --scans N         measured scans per phase (default 1000)\n"
      "  --skus N          SKUs imported into each device (default 10000)\n"
      "  --site-skus N     variants of the generated V3 store of phase 3 (default 100000)\n"
      "  --latency-ms MS   delay of every Wix call while phase 2's rounds run (default 250)\n"
      "  --offline         skip the phases that need the Wix emulator (python3)\n");
  return 64;
}

int run(const Flags& flags) {
  DaemonBench b;
  DaemonBench::Settings& s = b.settings;
  if (!flags.get_count("starts", kDefaultStarts, s.starts) ||
      !flags.get_count("idle-seconds", kDefaultIdleSeconds, s.idle_seconds) ||
      !flags.get_count("scans", kDefaultScans, s.scans) ||
      !flags.get_count("skus", kDefaultSkus, s.skus) ||
      !flags.get_count("site-skus", kDefaultSiteSkus, s.site_skus) ||
      !flags.get_count("latency-ms", kDefaultLatencyMs, s.latency_ms)) {
    return usage(
        "--starts, --idle-seconds, --scans, --skus, --site-skus and --latency-ms "
        "take a number > 0");
  }
  std::string error;
  if (!b.dir.create(choose_base_dir(flags), error)) return bench_fail(error), 1;
  if (flags.has("keep")) b.dir.keep();
  b.binary = shelfnode_binary(flags);
  b.daemon_binary = b.binary.substr(0, b.binary.rfind('/') + 1) + "shelfnoded";
  std::printf("bench_daemon: shelfnode daemon: cold start, idle wake-ups and memory, scan -> OK\n");
  std::printf(
      "  binary  %s (execs %s)\n  dir     %s\n  fs      %s\n  machine %u cores, load "
      "average %s at the start\n",
      b.binary.c_str(), b.daemon_binary.c_str(), b.dir.path().c_str(),
      describe_filesystem(b.dir.path()).c_str(), std::thread::hardware_concurrency(),
      load_average().c_str());
  std::fflush(stdout);
  b.catalog = make_catalog(s.skus);
  if (!b.scanner.open(error) || !b.notify.open(b.dir.file("notify"), error))
    return bench_fail(error), 1;

  DeviceCli offline;
  ScanFigures idle_scans, round_scans, reconcile_scans, pull_scans;
  if (!prepare_daemon_device(b, "offline", {}, offline) || !cold_starts(b, offline.data_dir) ||
      !offline_phases(b, offline.data_dir, idle_scans)) {
    return 1;
  }
  const bool connected = !flags.has("offline");
  if (connected && !connected_phases(b, round_scans, reconcile_scans, pull_scans)) return 1;

  std::printf("\n  summary: scan p99 / fsync p99 = %.2f idle",
              ratio(idle_scans.scan.p99, idle_scans.fsync.p99));
  if (connected) {
    std::printf(", %.2f beside sync rounds, %.2f beside a reconcile, %.2f beside a catalog pull",
                ratio(round_scans.scan.p99, round_scans.fsync.p99),
                ratio(reconcile_scans.scan.p99, reconcile_scans.fsync.p99),
                ratio(pull_scans.scan.p99, pull_scans.fsync.p99));
  }
  std::printf(" (goal <= %.1f); load average %s at the end\n", kScanRatioGoal,
              load_average().c_str());
  return 0;
}

}  // namespace
}  // namespace shelfnode::bench

int main(int argc, char** argv) {
  using namespace shelfnode::bench;
  return run_benchmark(argc, argv,
                       {"shelfnode", "dir", "starts", "idle-seconds", "scans", "skus", "site-skus",
                        "latency-ms", "offline!", "keep!", "help!"},
                       usage, run);
}
