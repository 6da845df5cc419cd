#include "shelfnode/wix/rate_limiter.h"

#include <algorithm>

namespace shelfnode::wix {

RateLimiter::RateLimiter(int requests_per_minute, const Clock& clock, Sleeper& sleeper)
    : per_minute_(std::max(1, requests_per_minute)),
      capacity_(std::max(1, per_minute_ / 6)),
      clock_(&clock),
      sleeper_(&sleeper),
      units_(static_cast<std::int64_t>(capacity_) * kUnitsPerToken),
      last_ms_(clock.now_ms()) {}

void RateLimiter::refill() {
  const std::int64_t now = clock_->now_ms();
  // A clock stepping backwards (NTP) refills nothing rather than draining the bucket.
  if (now > last_ms_) {
    const std::int64_t cap = static_cast<std::int64_t>(capacity_) * kUnitsPerToken;
    units_ = std::min(cap, units_ + (now - last_ms_) * per_minute_);
  }
  last_ms_ = std::max(last_ms_, now);
}

std::int64_t RateLimiter::reserve_ms() {
  refill();
  units_ -= kUnitsPerToken;
  if (units_ >= 0) return 0;
  // Round up: waiting one millisecond too long is harmless, one too short is not.
  return (-units_ + per_minute_ - 1) / per_minute_;
}

void RateLimiter::acquire() {
  const std::int64_t wait = reserve_ms();
  if (wait > 0) sleeper_->sleep_ms(wait);
}

}  // namespace shelfnode::wix
