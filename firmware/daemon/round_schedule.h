#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <random>

namespace shelfnode::daemon {

using Clock = std::chrono::steady_clock;
using Instant = Clock::time_point;
using Millis = std::chrono::milliseconds;

// When the daemon runs its next Wix work, as a pure function of what happened (no clock of its
// own, so tests drive it with made-up instants). Two kinds of work, one at a time (they share
// the data dir's round lock): a sync round and an incremental catalog pull.
//
// A sync round is due at the earliest of
//   - `settle` after the last scan (a burst goes out as one round), but never more than
//     `interval` after the first scan not yet sent, so a till that never pauses still syncs;
//   - `interval` after the last round;
//   - now, when someone asks (`shelfnode sync` through the control socket).
// After a round that could not reach Wix (exit 69 or 75) the next one waits a backoff that
// doubles from `backoff_base` up to `interval`, with jitter (half fixed, half random) so a
// shop's devices coming back from one outage do not all call at the same moment. Scans do
// not shorten a backoff: each would be one more failed round. A request does.
class RoundSchedule {
 public:
  struct Settings {
    Millis interval{60'000};
    Millis settle{3'000};
    Millis catalog_interval{3'600'000};  // 0 = never
    Millis backoff_base{5'000};
  };
  enum class Work { kNone, kSync, kCatalogPull };

  RoundSchedule(Settings settings, Instant start, std::uint64_t seed);

  void set_settings(const Settings& settings) { settings_ = settings; }
  void scanned(Instant now);
  void asked();
  void sync_started(Instant now);
  void sync_finished(Instant now, int exit_code);
  void catalog_finished(Instant now, int exit_code);

  // The work due at `now` (sync before the catalog: the shelf matters first), or kNone.
  Work due(Instant now) const;
  // When the next work falls due; nothing when none is scheduled (no catalog pulls and no
  // sync: not possible, a sync always has its interval).
  Instant next_sync() const;
  std::optional<Instant> next_catalog() const;
  std::optional<Instant> next_due() const;
  int failures() const { return failures_; }

 private:
  Settings settings_;
  std::mt19937_64 random_;
  Instant last_sync_;  // the end of the last round (the start at first)
  Instant sync_started_;
  std::optional<Instant> first_unsent_;  // the first scan since the last round began
  std::optional<Instant> last_scan_;
  std::optional<Instant> backoff_until_;
  std::optional<Instant> next_catalog_;
  bool asked_ = false;
  int failures_ = 0;
};

// True for the exit codes after which retrying soon helps (Wix unreachable, temporary).
bool worth_retrying(int exit_code);

}  // namespace shelfnode::daemon
