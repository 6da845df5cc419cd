#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "bench_support.h"
#include "daemon_child.h"
#include "notify_listener.h"
#include "scanner_pty.h"

namespace shelfnode::bench {

// One code a scan sends and the SKU its OK must name.
struct ScanCode {
  std::string code;
  std::string sku;
};

struct ScanPlan {
  std::string tag;  // names the raw-sync files
  std::string data_dir;
  std::vector<ScanCode> codes;  // used in turn
  std::size_t warm_up = 0;
  std::size_t scans = 0;
  double budget_seconds = 120;  // a phase stops early rather than run past this
  // Ask the daemon's status right before and right after each scan (neither inside the
  // timed part), to know whether a round ran across it.
  bool watch_rounds = false;
  // Once `scans` are measured, scanning goes on, 100 at a time, while this says so (and the
  // budget lasts): e.g. until enough rounds have started.
  std::function<bool()> more;
  // Emptied after every scan (untimed): the daemon says STATUS= at each round's start and end.
  NotifyListener* notify = nullptr;
};

struct ScanFigures {
  Distribution scan, fsync, fdatasync, in_place;
  // Scans for which the status before and the status after named the same running round.
  Distribution scan_in_round;
  // Filled by time_refusals() when asked for: the round trip without a commit.
  Distribution refused;
  std::size_t in_round = 0;
  std::size_t at_round_edge = 0;  // a round running before or after, not both (or not one)
  std::size_t no_round = 0;
  double elapsed_s = 0;
  bool stopped_early = false;
};

// Scans one at a time through the pseudo-terminal, each timed from the write of its bytes
// into the master to the arrival of its reply line on the daemon's stdout, interleaved (in
// rotating order, so background load hits each alike) with the three raw syncs in
// `plan.data_dir`. False with `error` on a missing or refused reply or a failed raw sync.
bool run_scans(const ScanPlan& plan, ScannerPty& scanner, DaemonChild& daemon, ScanFigures& out,
               std::string& error);

// The same round trip with nothing to commit: `count` codes that are in no catalogue, each
// refused ("ERR unknown code ...") after its lookup, with no write and no sync. What a scan
// costs besides its sync: the pseudo-terminal, the daemon's loop, the lookup, the reply.
bool time_refusals(ScannerPty& scanner, DaemonChild& daemon, std::size_t count, Distribution& out,
                   std::string& error);

}  // namespace shelfnode::bench
