#include "week_report.h"

#include <cstdio>

#include "bench_support.h"

namespace shelfnode::bench {
namespace {

constexpr long kPerCall = 300;     // V1 increment/decrement entries per call [R24][R25]
constexpr long kIssuePushes = 35;  // the issue's bound, for 10,000 SKUs and 50,000 movements
constexpr std::size_t kIssueSkus = 10'000;

long calls_for(long entries) {
  return (entries + kPerCall - 1) / kPerCall;
}

// 50000 -> "50,000"
std::string grouped(long n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (n < 0 ? "-" : "") + out;
}

std::string g(std::size_t n) {
  return grouped(static_cast<long>(n));
}

const char* met(bool ok) {
  return ok ? "met" : "not met";
}

void row(const char* label, const std::string& text) {
  std::printf("    %-24s %s\n", label, text.c_str());
}

std::string fmt(const char* format, double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, value);
  return buf;
}

void print_week(const OfflineWeek& week, const WeekFigures& f) {
  std::printf("\n  before going offline\n");
  row("catalog pull", g(f.skus) + " SKUs, " + fmt("%.1f s", f.pull_seconds));
  row("opening stocktake", g(f.skus) + " SKUs counted in " + kShop +
                               " by one `scan --mode count`, " + fmt("%.1f s", f.count_seconds));
  row("sync until converged", std::to_string(f.converge_rounds) + " round(s), " +
                                  fmt("%.1f s", f.converge_seconds) +
                                  ": Wix holds every target and the device knows it");
  std::printf("  the week offline (every Wix route answers 503)\n");
  row("recorded", grouped(f.movements) + " movements: " + g(f.scans) + " scans in " +
                      std::to_string(week.sessions.size()) + " `scan` sessions + " +
                      g(week.moves.size()) + " moves, " + fmt("%.1f s", f.record_seconds));
  row("targets", g(week.rose) + " SKUs rose, " + g(week.fell) + " fell (" + g(week.past_zero) +
                     " with the mapped sum below zero)");
  const V1Calls& o = f.outage_calls;
  row("sync during the outage",
      "exit " + std::to_string(f.outage_exit) + " after " + fmt("%.1f s", f.outage_seconds) + "; " +
          grouped(o.total()) + " requests tried (" + grouped(o.orders) + " orders searches, " +
          grouped(o.pushes()) + " push, " + grouped(o.read) + " read, " + grouped(o.other) +
          " other), " + grouped(o.total() - o.refused) + " answered 2xx");
  row("", grouped(f.outage_writes) + " writes applied by Wix; " + g(f.outage_kept) + " of " +
              g(f.skus) + " SKUs still pending at their new target");
}

void print_reconnect(const OfflineWeek& week, const WeekFigures& f) {
  const V1Calls& c = f.calls;
  std::printf("  reconnect: one `sync`\n");
  row("exit", std::to_string(f.sync.exit_code) + (f.sync.exit_code == 0 ? " (converged)" : ""));
  row("wall time", fmt("%.2f s", f.sync.wall_seconds) +
                       fmt(" (the emulator spent %.2f s answering)", c.server_seconds));
  row("peak RSS",
      fmt("%.1f MiB", static_cast<double>(f.sync.max_rss_kib) / 1024.0) +
          fmt(" (ru_maxrss through peak_rss; sampled private %.1f MiB",
              static_cast<double>(f.sync.sampled_anon_kib) / 1024.0) +
          fmt(", file-backed %.1f MiB)", static_cast<double>(f.sync.sampled_file_kib) / 1024.0));
  row("push calls", grouped(c.pushes()) + ": " + grouped(c.increment) + " increment (" +
                        grouped(c.increment_entries) + " entries), " + grouped(c.decrement) +
                        " decrement (" + grouped(c.decrement_entries) + " entries), " +
                        grouped(c.set) + " set");
  row("other requests", grouped(c.read) + " inventory reads, " + grouped(c.orders) +
                            " orders searches, " + grouped(c.other) + " other; " +
                            grouped(c.refused) + " not answered 2xx");
  row("minimum", grouped(f.minimum(week)) + " = ceil(" + g(week.rose) + " / 300) + ceil(" +
                     g(week.fell) + " / 300)  (SKUs whose target rose / fell)");
  row("writes applied by Wix", grouped(f.writes));
  std::printf("  correctness (GET /_emulator/inventory against the plan and `stock --json`)\n");
  row("Wix = max(0, sum mapped)", g(f.correct) + " of " + g(f.skus) + " SKUs (" +
                                      g(f.negative_shown_as_zero) + " with a negative sum show 0)");
  if (!f.first_wrong.empty()) row("first wrong", f.first_wrong);
}

}  // namespace

long WeekFigures::minimum(const OfflineWeek& w) const {
  return calls_for(static_cast<long>(w.rose)) + calls_for(static_cast<long>(w.fell));
}

void print_header(const std::string& binary, const std::string& dir, const OfflineWeek& week,
                  const WeekFigures& f) {
  std::printf("bench_week_offline: %s movements over %s SKUs offline, then one sync (Catalog V1)\n",
              g(week.movements).c_str(), g(f.skus).c_str());
  std::printf("  binary  %s\n  dir     %s\n  fs      %s\n", binary.c_str(), dir.c_str(),
              describe_filesystem(dir).c_str());
  std::printf(
      "  client  %d requests/min (wix.requests_per_minute); emulator without a rate limit\n",
      f.rpm);
  std::fflush(stdout);
}

void print_figures(const OfflineWeek& week, const WeekFigures& f) {
  print_week(week, f);
  print_reconnect(week, f);
  const long pushes = f.calls.pushes();
  const long minimum = f.minimum(week);
  const double ratio = minimum > 0 ? static_cast<double>(pushes) / static_cast<double>(minimum) : 0;
  std::printf("\n");
  if (f.skus == kIssueSkus && week.movements == 5 * kIssueSkus) {
    std::printf("  goal push calls <= %ld (V1): %s (%ld)\n", kIssuePushes,
                met(pushes <= kIssuePushes), pushes);
  }
  std::printf("  goal push calls / minimum = 1.00: %s (%ld / %ld = %.2f)\n", met(pushes == minimum),
              pushes, minimum, ratio);
  std::printf("  goal outage: exit 75, nothing applied, nothing lost: %s\n",
              met(f.outage_exit == 75 && f.outage_calls.refused == f.outage_calls.total() &&
                  f.outage_writes == 0 && f.outage_kept == f.skus));
  std::printf("  goal every SKU in Wix = max(0, sum mapped) after the reconnect: %s (%s of %s)\n",
              met(f.correct == f.skus && f.sync.exit_code == 0), g(f.correct).c_str(),
              g(f.skus).c_str());
  std::printf("  reconnect sync: %.2f s wall, %.1f MiB peak RSS\n", f.sync.wall_seconds,
              static_cast<double>(f.sync.max_rss_kib) / 1024.0);
}

}  // namespace shelfnode::bench
