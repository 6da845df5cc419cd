#pragma once

#include <cstdint>

#include "shelfnode/core/clock.h"
#include "shelfnode/wix/sleeper.h"

namespace shelfnode::wix {

// Token bucket over the Clock seam. Refill is `requests_per_minute` per minute; the burst is
// a sixth of that (at least 1), so no 60 s window ever sees more than 7/6 of the configured
// rate: the default 120/min stays under Wix's documented 200/min per instance [R45].
class RateLimiter {
 public:
  RateLimiter(int requests_per_minute, const Clock& clock, Sleeper& sleeper);

  // Takes one token and returns how long to wait before using it (0 = now). Tokens taken
  // ahead of time queue up, so concurrent reservations never share one.
  std::int64_t reserve_ms();
  // reserve_ms(), then sleeps that long.
  void acquire();

  int capacity() const { return capacity_; }

 private:
  void refill();

  static constexpr std::int64_t kUnitsPerToken = 60'000;  // one token = rpm units per ms
  int per_minute_;
  int capacity_;
  const Clock* clock_;
  Sleeper* sleeper_;
  std::int64_t units_;  // may go negative: tokens reserved but not yet refilled
  std::int64_t last_ms_;
};

}  // namespace shelfnode::wix
