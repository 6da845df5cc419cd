#pragma once

#include <string>
#include <vector>

#include "daemon_scans.h"
#include "proc_status.h"

namespace shelfnode::bench {

// The figures bench_daemon prints, and how it prints them.

// min / median / p90 / max of a few samples (milliseconds), nearest rank.
struct Spread {
  std::size_t count = 0;
  double min = 0, median = 0, p90 = 0, max = 0;
};
Spread spread_of(std::vector<double> samples);
void print_spread_header();
void print_spread_row(const std::string& label, const Spread& s);

// Context switches of the daemon over a window in which nothing was asked of it.
struct IdleWindow {
  double seconds = 0;
  long voluntary = 0, involuntary = 0;
  int watchdog_pings = 0;       // WATCHDOG=1 datagrams received in the window
  int scanner_dir_events = -1;  // inotify events in the scanner's directory meanwhile
  double per_second() const {
    return seconds > 0 ? static_cast<double>(voluntary + involuntary) / seconds : 0;
  }
};

constexpr double kColdStartGoalMs = 50;
constexpr double kWakeUpGoalPerSecond = 1;
constexpr long kRssGoalKib = 6000000 / 1024;  // the "6 MB", read strictly: 5.72 MiB
constexpr double kScanRatioGoal = 1.2;

const char* verdict(bool met);

void print_idle(const std::string& label, const IdleWindow& w);
// VmRSS and VmHWM of `pid` now, with the resident part of its mapping of shelfnode.db.
void print_memory(const std::string& label, pid_t pid, bool judged);
void print_scan_phase(const std::string& title, std::size_t warm_up, const ScanFigures& f,
                      bool with_rounds);
double ratio(double a, double b);

}  // namespace shelfnode::bench
