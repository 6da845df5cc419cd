#include "daemon_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace shelfnode::bench {
namespace {

double rank(const std::vector<double>& sorted, double q) {
  const std::size_t at =
      static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size())));
  return sorted[std::min(sorted.size() - 1, at == 0 ? 0 : at - 1)];
}

void print_ratio(const char* label, double value, bool judged) {
  std::printf("  %-40s %6.2f", label, value);
  if (judged) std::printf("   goal <= %.1f: %s", kScanRatioGoal, verdict(value <= kScanRatioGoal));
  std::printf("\n");
}

}  // namespace

Spread spread_of(std::vector<double> samples) {
  Spread s;
  if (samples.empty()) return s;
  std::sort(samples.begin(), samples.end());
  s.count = samples.size();
  s.min = samples.front();
  s.median = rank(samples, 0.5);
  s.p90 = rank(samples, 0.9);
  s.max = samples.back();
  return s;
}

void print_spread_header() {
  std::printf("  %-52s %5s %8s %8s %8s %8s\n", "(ms)", "n", "min", "median", "p90", "max");
}

void print_spread_row(const std::string& label, const Spread& s) {
  std::printf("  %-52s %5zu %8.1f %8.1f %8.1f %8.1f\n", label.c_str(), s.count, s.min, s.median,
              s.p90, s.max);
}

const char* verdict(bool met) {
  return met ? "MET" : "NOT MET";
}

double ratio(double a, double b) {
  return b > 0 ? a / b : 0;
}

void print_idle(const std::string& label, const IdleWindow& w) {
  std::printf("  %-44s %4ld voluntary + %3ld involuntary in %.1f s = %.2f/s", label.c_str(),
              w.voluntary, w.involuntary, w.seconds, w.per_second());
  if (w.watchdog_pings > 0) std::printf(" (%d WATCHDOG=1 received)", w.watchdog_pings);
  if (w.scanner_dir_events > 0)
    std::printf(" (%d entry events in the scanner's directory meanwhile)", w.scanner_dir_events);
  std::printf("   goal <= %.0f/s: %s\n", kWakeUpGoalPerSecond,
              verdict(w.per_second() <= kWakeUpGoalPerSecond));
}

void print_memory(const std::string& label, pid_t pid, bool judged) {
  const ProcStatus s = read_proc_status(pid);
  std::printf("  %-44s VmRSS %s (anon %s, file %s of which shelfnode.db %s), VmHWM %s",
              label.c_str(), mib_text(s.vm_rss_kib).c_str(), mib_text(s.rss_anon_kib).c_str(),
              mib_text(s.rss_file_kib).c_str(),
              mib_text(mapping_rss_kib(pid, "/shelfnode.db")).c_str(),
              mib_text(s.vm_hwm_kib).c_str());
  if (judged) std::printf("   goal VmRSS <= 6 MB (5.72 MiB): %s", verdict(s.vm_rss_kib <= kRssGoalKib));
  std::printf("\n");
}

void print_scan_phase(const std::string& title, std::size_t warm_up, const ScanFigures& f,
                      bool with_rounds) {
  std::printf("\n  %s\n", title.c_str());
  std::printf("  scans   %zu measured after %zu warm-up, one at a time, %.1f s%s\n", f.scan.count,
              warm_up, f.elapsed_s, f.stopped_early ? " (stopped early: time budget)" : "");
  print_table_header();
  print_row("scan -> OK (daemon)", f.scan);
  if (with_rounds) print_row("  of which inside a round", f.scan_in_round);
  if (f.refused.count > 0) print_row("unknown code, no commit", f.refused);
  print_row("write 100 B + fsync", f.fsync);
  print_row("write 100 B + fdatasync", f.fdatasync);
  print_row("overwrite 4 KiB + fdatasync", f.in_place);
  print_ratio("ratio scan p99 / fsync p99", ratio(f.scan.p99, f.fsync.p99), true);
  if (with_rounds) {
    print_ratio("ratio scan p99 / fsync p99, inside a round",
                ratio(f.scan_in_round.p99, f.fsync.p99), false);
  }
  print_ratio("ratio scan p99 / fdatasync p99", ratio(f.scan.p99, f.fdatasync.p99), false);
  print_ratio("ratio scan p99 / in-place p99", ratio(f.scan.p99, f.in_place.p99), false);
  print_ratio("ratio scan p50 / fsync p50", ratio(f.scan.p50, f.fsync.p50), false);
  if (with_rounds) {
    std::printf(
        "  rounds: %zu of %zu scans inside one running round (the status before and "
        "after named the same round), %zu at a round's start or end, %zu with none\n",
        f.in_round, f.scan.count, f.at_round_edge, f.no_round);
  }
}

}  // namespace shelfnode::bench
