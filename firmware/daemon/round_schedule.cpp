#include "daemon/round_schedule.h"

#include <algorithm>

namespace shelfnode::daemon {

bool worth_retrying(int exit_code) {
  return exit_code == 69 || exit_code == 75;
}

RoundSchedule::RoundSchedule(Settings settings, Instant start, std::uint64_t seed)
    : settings_(settings), random_(seed), last_sync_(start) {
  // A device that was off has news to send and to fetch: both soon after start.
  asked_ = true;
  if (settings_.catalog_interval.count() > 0) next_catalog_ = start;
}

void RoundSchedule::scanned(Instant now) {
  if (!first_unsent_) first_unsent_ = now;
  last_scan_ = now;
}

void RoundSchedule::asked() {
  asked_ = true;
}

void RoundSchedule::sync_started(Instant now) {
  sync_started_ = now;
  asked_ = false;
}

void RoundSchedule::sync_finished(Instant now, int exit_code) {
  last_sync_ = now;
  // Scans made before the round began went out with it; one made while it ran may have
  // missed it and still settles into the next.
  if (last_scan_ && *last_scan_ < sync_started_) {
    first_unsent_.reset();
    last_scan_.reset();
  } else if (first_unsent_) {
    first_unsent_ = std::max(*first_unsent_, sync_started_);
  }
  if (!worth_retrying(exit_code)) {
    failures_ = 0;
    backoff_until_.reset();
    return;
  }
  ++failures_;
  const int doublings = std::min(failures_ - 1, 20);
  const Millis ceiling =
      std::min(settings_.interval, Millis(settings_.backoff_base.count() << doublings));
  std::uniform_int_distribution<std::int64_t> half(0, ceiling.count() / 2);
  backoff_until_ = now + Millis(ceiling.count() - ceiling.count() / 2 + half(random_));
}

void RoundSchedule::catalog_finished(Instant now, int exit_code) {
  if (settings_.catalog_interval.count() <= 0) {
    next_catalog_.reset();
    return;
  }
  // An offline pull is tried again with the sync backoff's base, not an hour later.
  next_catalog_ =
      now + (worth_retrying(exit_code) ? std::min(settings_.catalog_interval, settings_.interval)
                                       : settings_.catalog_interval);
}

Instant RoundSchedule::next_sync() const {
  if (backoff_until_) return asked_ ? last_sync_ : *backoff_until_;
  if (asked_) return last_sync_;
  Instant next = last_sync_ + settings_.interval;
  if (last_scan_) {
    next = std::min(next,
                    std::min(*last_scan_ + settings_.settle, *first_unsent_ + settings_.interval));
  }
  return next;
}

std::optional<Instant> RoundSchedule::next_catalog() const {
  return next_catalog_;
}

std::optional<Instant> RoundSchedule::next_due() const {
  Instant next = next_sync();
  if (next_catalog_) next = std::min(next, *next_catalog_);
  return next;
}

RoundSchedule::Work RoundSchedule::due(Instant now) const {
  if (next_sync() <= now) return Work::kSync;
  if (next_catalog_ && *next_catalog_ <= now) return Work::kCatalogPull;
  return Work::kNone;
}

}  // namespace shelfnode::daemon
