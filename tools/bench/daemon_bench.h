#pragma once

#include <string>
#include <utility>
#include <vector>

#include "bench_support.h"
#include "catalog_csv.h"
#include "daemon_child.h"
#include "daemon_report.h"
#include "daemon_scans.h"
#include "device_cli.h"
#include "notify_listener.h"
#include "scanner_pty.h"

namespace shelfnode::bench {

// What bench_daemon's phases share (bench_daemon.cpp has the method).
struct DaemonBench {
  struct Settings {
    std::size_t starts = 0, idle_seconds = 0, scans = 0, skus = 0, site_skus = 0, latency_ms = 0;
  } settings;
  BenchDir dir;
  std::string binary, daemon_binary;  // shelfnode, and the shelfnoded beside it
  std::vector<CatalogEntry> catalog;
  ScannerPty scanner;
  NotifyListener notify;
};

// Prints "bench_daemon: <error>" to stderr; returns false.
bool bench_fail(const std::string& error);
// /proc/loadavg's three figures: others may be using the machine.
std::string load_average();

std::vector<std::string> daemon_argv(const std::string& binary, const std::string& data_dir);
// A prepared device (prepare_device) in `name` under the bench dir, its config.json naming
// the scanner and the `sync` settings given.
bool prepare_daemon_device(DaemonBench& b, const std::string& name,
                           const std::vector<std::pair<const char*, int>>& sync, DeviceCli& device);
// `shelfnode daemon` on `data_dir` until READY, its log in data_dir/daemon.log.
bool start_daemon(DaemonBench& b, const std::string& data_dir, const std::vector<std::string>& env,
                  DaemonChild& daemon);
// SIGTERM; false unless it exits 0.
bool stop_daemon(DaemonChild& daemon, const char* what);

// A window of `seconds` in which nothing is asked of the daemon; its switches counted from
// /proc, with the WATCHDOG=1 datagrams that arrived meanwhile and the entry events in the
// scanner's directory (other processes' pseudo-terminals come and go in /dev/pts).
IdleWindow idle_window(DaemonBench& b, const DaemonChild& daemon, double seconds);

// Codes to scan: the catalogue's SKU labels and GTIN-13s in turn; with `managed` not empty,
// every third scan one of those SKUs instead (so that every sync round has pushes to make).
std::vector<ScanCode> scan_codes(const DaemonBench& b, const std::vector<std::string>& managed);

// Occurrences of `what` in the file at `path`.
int count_in_file(const std::string& path, const std::string& what);

// The phases, in the order they run.
bool cold_starts(DaemonBench& b, const std::string& data_dir);
bool offline_phases(DaemonBench& b, const std::string& data_dir, ScanFigures& idle_scans);
bool connected_phases(DaemonBench& b, ScanFigures& round_scans, ScanFigures& reconcile_scans,
                      ScanFigures& pull_scans);

}  // namespace shelfnode::bench
