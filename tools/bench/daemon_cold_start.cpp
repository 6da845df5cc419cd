// bench_daemon's first phase: cold starts to READY=1, three kinds interleaved, then a few
// traced with ptrace to split one start into its shelfnode and shelfnoded halves.
#include <cstdio>

#include "child_process.h"
#include "daemon_bench.h"
#include "exec_split.h"
#include "proc_status.h"

namespace shelfnode::bench {
namespace {

constexpr std::size_t kTracedStarts = 5;
constexpr int kReadyTimeoutMs = 10'000;

struct Starts {
  std::vector<double> via, direct, version;  // ms
  std::vector<double> hwm_via, hwm_direct;   // KiB at READY
  std::size_t same_pid = 0;
  double first_ms = 0;
};

// One start of `binary daemon` to READY, then SIGTERM and reaping.
bool one_start(DaemonBench& b, const std::string& binary, const std::string& data_dir,
               bool through_shelfnode, Starts& s) {
  DaemonChild daemon;
  std::string error;
  if (!daemon.start(daemon_argv(binary, data_dir), {}, b.notify, data_dir + "/daemon.log",
                    kReadyTimeoutMs, error)) {
    return bench_fail(error);
  }
  const double hwm = static_cast<double>(read_proc_status(daemon.pid()).vm_hwm_kib);
  const double ms = daemon.ready_us() / 1000;
  if (through_shelfnode) {
    if (s.via.empty()) s.first_ms = ms;
    s.via.push_back(ms);
    s.hwm_via.push_back(hwm);
    s.same_pid += daemon.ready_sender() == daemon.pid() ? 1 : 0;
  } else {
    s.direct.push_back(ms);
    s.hwm_direct.push_back(hwm);
  }
  return stop_daemon(daemon, "cold start");
}

bool version_run(DaemonBench& b, const std::string& data_dir, Starts& s) {
  std::string out;
  const SteadyTime t0 = now();
  if (run_to_end({b.binary, "--version"}, data_dir + "/version.stderr", kReadyTimeoutMs, out) != 0)
    return bench_fail("`shelfnode --version` failed");
  s.version.push_back(micros_between(t0, now()) / 1000);
  return true;
}

}  // namespace

bool cold_starts(DaemonBench& b, const std::string& data_dir) {
  std::printf(
      "\n  cold start to READY=1 (offline device, %zu SKUs, one serial scanner on a pty; "
      "%zu of each kind, interleaved)\n",
      b.settings.skus, b.settings.starts);
  std::fflush(stdout);
  Starts s;
  for (std::size_t i = 0; i < b.settings.starts; ++i) {
    for (std::size_t step = 0; step < 3; ++step) {
      const std::size_t which = (i + step) % 3;
      const bool ok = which == 0   ? one_start(b, b.binary, data_dir, true, s)
                      : which == 1 ? one_start(b, b.daemon_binary, data_dir, false, s)
                                   : version_run(b, data_dir, s);
      if (!ok) return false;
    }
  }
  std::vector<double> loaded, ran, to_ready;
  for (std::size_t i = 0; i < kTracedStarts; ++i) {
    ExecSplit split;
    std::string error;
    if (!split_one_start(daemon_argv(b.binary, data_dir), b.notify, data_dir + "/daemon.log", split,
                         error)) {
      return bench_fail(error);
    }
    loaded.push_back(split.shelfnode_loaded_us / 1000);
    ran.push_back((split.shelfnoded_loaded_us - split.shelfnode_loaded_us) / 1000);
    to_ready.push_back((split.ready_us - split.shelfnoded_loaded_us) / 1000);
  }
  const Spread via = spread_of(s.via);
  print_spread_header();
  print_spread_row("shelfnode daemon -> READY", via);
  print_spread_row("shelfnoded daemon -> READY (started directly)", spread_of(s.direct));
  print_spread_row("shelfnode --version, spawn to exit", spread_of(s.version));
  print_spread_row("traced: fork + execve(shelfnode)", spread_of(loaded));
  print_spread_row("traced: shelfnode runs (ld.so, main) to execve", spread_of(ran));
  print_spread_row("traced: shelfnoded, its execve to READY", spread_of(to_ready));
  std::printf(
      "  first start on this data dir %.1f ms (the one that runs the hourly storage check); "
      "READY=1 sent by the spawned PID in %zu of %zu starts\n",
      s.first_ms, s.same_pid, s.via.size());
  std::printf("  VmHWM at READY (medians): %s through shelfnode, %s started directly\n",
              mib_text(static_cast<long>(spread_of(s.hwm_via).median)).c_str(),
              mib_text(static_cast<long>(spread_of(s.hwm_direct).median)).c_str());
  std::size_t over = 0;
  for (double ms : s.via) over += ms > kColdStartGoalMs ? 1 : 0;
  std::printf("  goal cold start <= %.0f ms: %s (median %.1f ms; %zu of %zu starts above)\n",
              kColdStartGoalMs, verdict(over == 0), via.median, over, s.via.size());
  std::fflush(stdout);
  return true;
}

}  // namespace shelfnode::bench
