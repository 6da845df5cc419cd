// bench_daemon on a device that is not connected to Wix: memory across the exec, idle
// wake-ups (without and with a watchdog), idle memory, and scans with no round possible.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <thread>

#include "daemon_bench.h"
#include "exec_split.h"
#include "proc_status.h"

namespace shelfnode::bench {
namespace {

// After READY, before a window opens: whatever the daemon does right after its start (the
// first STATUS=, a checkpoint) is over well before this.
constexpr std::chrono::seconds kSettle{1};
constexpr std::size_t kRefusals = 200;
constexpr const char* kWatchdogEnv = "WATCHDOG_USEC=30000000";

bool memory_across_the_exec(DaemonBench& b, const std::string& data_dir) {
  ExecMemory m;
  std::string error;
  if (!memory_across_exec(daemon_argv(b.binary, data_dir), b.notify, data_dir + "/daemon.log", m,
                          error)) {
    return bench_fail(error);
  }
  std::printf(
      "  traced start: shelfnode entering execve(shelfnoded): VmHWM %s, VmRSS %s; the "
      "daemon after READY: VmHWM %s, VmRSS %s\n",
      mib_text(m.before_exec_hwm_kib).c_str(), mib_text(m.before_exec_rss_kib).c_str(),
      mib_text(m.after_ready_hwm_kib).c_str(), mib_text(m.after_ready_rss_kib).c_str());
  std::printf(
      "  (%s: the daemon's VmHWM does not count the shelfnode half, execve() gave it a "
      "new mm)\n",
      m.after_ready_hwm_kib < m.before_exec_hwm_kib ? "lower than shelfnode's peak"
                                                    : "NOT lower than shelfnode's peak");
  return true;
}

bool watchdog_window(DaemonBench& b, const std::string& data_dir) {
  DaemonChild daemon;
  if (!start_daemon(b, data_dir, {kWatchdogEnv}, daemon)) return false;
  std::this_thread::sleep_for(kSettle);
  const double seconds = static_cast<double>(std::max<std::size_t>(b.settings.idle_seconds, 31));
  print_idle("offline, idle, WATCHDOG_USEC=30000000", idle_window(b, daemon, seconds));
  return stop_daemon(daemon, "watchdog window");
}

}  // namespace

bool offline_phases(DaemonBench& b, const std::string& data_dir, ScanFigures& idle_scans) {
  std::printf("\n  offline device (not connected: the daemon schedules no round)\n");
  std::fflush(stdout);
  if (!memory_across_the_exec(b, data_dir)) return false;
  DaemonChild daemon;
  if (!start_daemon(b, data_dir, {}, daemon)) return false;
  std::this_thread::sleep_for(kSettle);
  print_idle("offline, idle after READY",
             idle_window(b, daemon, static_cast<double>(b.settings.idle_seconds)));
  print_memory("offline, after the idle window", daemon.pid(), true);
  std::printf("  threads in the daemon: %d\n", read_proc_status(daemon.pid()).threads);
  std::fflush(stdout);

  ScanPlan plan;
  plan.tag = "idle";
  plan.data_dir = data_dir;
  plan.codes = scan_codes(b, {});
  plan.warm_up = 20;
  plan.scans = b.settings.scans;
  plan.notify = &b.notify;
  std::string error;
  if (!run_scans(plan, b.scanner, daemon, idle_scans, error)) return bench_fail(error);
  if (!time_refusals(b.scanner, daemon, kRefusals, idle_scans.refused, error))
    return bench_fail(error);
  print_scan_phase("phase 1: scans through the daemon, idle (offline device, no round)",
                   plan.warm_up, idle_scans, false);
  print_memory("offline, after " + std::to_string(plan.warm_up + idle_scans.scan.count) + " scans",
               daemon.pid(), true);
  const long own_hwm = read_proc_status(getpid()).vm_hwm_kib;
  if (!stop_daemon(daemon, "offline phases")) return false;
  std::printf(
      "  (not used: wait4() ru_maxrss of that daemon %s, the benchmark's own VmHWM %s: "
      "it counts the spawning parent's mm)\n",
      mib_text(daemon.max_rss_kib()).c_str(), mib_text(own_hwm).c_str());
  std::fflush(stdout);
  return watchdog_window(b, data_dir);
}

}  // namespace shelfnode::bench
