#include "daemon_bench.h"

#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <thread>

#include "daemon_devices.h"
#include "device_setup.h"
#include "dir_events.h"
#include "proc_status.h"

namespace shelfnode::bench {
namespace {

constexpr int kReadyTimeoutMs = 10'000;
constexpr int kStopTimeoutMs = 15'000;
constexpr std::size_t kCodes = 600;

}  // namespace

bool bench_fail(const std::string& error) {
  std::fprintf(stderr, "bench_daemon: %s\n", error.c_str());
  return false;
}

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return one + " " + five + " " + fifteen;
}

std::vector<std::string> daemon_argv(const std::string& binary, const std::string& data_dir) {
  return {binary, "--data-dir", data_dir, "daemon"};
}

bool prepare_daemon_device(DaemonBench& b, const std::string& name,
                           const std::vector<std::pair<const char*, int>>& sync,
                           DeviceCli& device) {
  device = DeviceCli{b.binary, b.dir.file(name), b.dir.file(name + "-commands.log")};
  std::string error;
  if (mkdir(device.data_dir.c_str(), 0700) != 0 ||
      !prepare_device(b.binary, device.data_dir, b.catalog, error) ||
      !configure_daemon(device.data_dir, b.scanner.slave(), sync, error)) {
    return bench_fail(name + " device: " + error);
  }
  return true;
}

bool start_daemon(DaemonBench& b, const std::string& data_dir, const std::vector<std::string>& env,
                  DaemonChild& daemon) {
  std::string error;
  if (daemon.start(daemon_argv(b.binary, data_dir), env, b.notify, data_dir + "/daemon.log",
                   kReadyTimeoutMs, error)) {
    return true;
  }
  return bench_fail(error);
}

bool stop_daemon(DaemonChild& daemon, const char* what) {
  const int code = daemon.stop(kStopTimeoutMs);
  if (code == 0) return true;
  return bench_fail(std::string(what) + ": the daemon exited " + std::to_string(code) +
                    " on SIGTERM");
}

IdleWindow idle_window(DaemonBench& b, const DaemonChild& daemon, double seconds) {
  b.notify.drain();
  DirectoryEvents scanner_dir;
  (void)scanner_dir.watch(b.scanner.slave().substr(0, b.scanner.slave().rfind('/')));
  const SteadyTime t0 = now();
  const ProcStatus before = read_proc_status(daemon.pid());
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  const ProcStatus after = read_proc_status(daemon.pid());
  IdleWindow w;
  w.seconds = micros_between(t0, now()) / 1e6;
  w.voluntary = after.voluntary_switches - before.voluntary_switches;
  w.involuntary = after.involuntary_switches - before.involuntary_switches;
  w.watchdog_pings = b.notify.drain_counting("WATCHDOG=1");
  w.scanner_dir_events = scanner_dir.take();
  return w;
}

std::vector<ScanCode> scan_codes(const DaemonBench& b, const std::vector<std::string>& managed) {
  std::vector<ScanCode> codes;
  for (std::size_t i = 0; i < kCodes; ++i) {
    if (!managed.empty() && i % 3 == 2) {
      const std::string& sku = managed[(i / 3) % managed.size()];
      codes.push_back({sku, sku});
      continue;
    }
    const CatalogEntry& e = b.catalog[(i * 37) % b.catalog.size()];
    codes.push_back({i % 2 == 0 ? e.sku : e.gtin13, e.sku});
  }
  return codes;
}

int count_in_file(const std::string& path, const std::string& what) {
  std::ifstream in(path);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  int n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace shelfnode::bench
