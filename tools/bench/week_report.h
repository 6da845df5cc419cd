#pragma once

#include <cstddef>
#include <string>

#include "measured_run.h"
#include "offline_week.h"
#include "wix_request_log.h"

namespace shelfnode::bench {

// What bench_week_offline measured, phase by phase.
struct WeekFigures {
  std::size_t skus = 0;
  int rpm = 0;
  // Before going offline.
  double pull_seconds = 0;
  double count_seconds = 0;
  double converge_seconds = 0;
  int converge_rounds = 0;
  // The week.
  std::size_t scans = 0;
  long movements = 0;  // what the ledger gained
  double record_seconds = 0;
  int outage_exit = -1;
  double outage_seconds = 0;
  V1Calls outage_calls;         // the Wix requests the emulator logged during that sync
  long outage_writes = 0;       // stock writes Wix applied (must be 0)
  std::size_t outage_kept = 0;  // SKUs still pending at their new target afterwards
  // The reconnect.
  MeasuredRun sync;
  V1Calls calls;
  long writes = 0;          // stock writes Wix applied
  std::size_t correct = 0;  // Wix = max(0, Σ mapped) as planned, and in_sync on the device
  std::size_t negative_shown_as_zero = 0;
  std::string first_wrong;

  long minimum(const OfflineWeek& w) const;
};

void print_header(const std::string& binary, const std::string& dir, const OfflineWeek& week,
                  const WeekFigures& f);
void print_figures(const OfflineWeek& week, const WeekFigures& f);

}  // namespace shelfnode::bench
