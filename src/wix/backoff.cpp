#include "shelfnode/wix/backoff.h"

#include <algorithm>

namespace shelfnode::wix {

Backoff::Backoff(std::uint64_t seed, BackoffPolicy policy) : policy_(policy), rng_(seed) {}

std::int64_t Backoff::ceiling_ms(int retry) const {
  std::int64_t ceiling = std::max<std::int64_t>(policy_.base_ms, 0);
  for (int i = 0; i < retry && ceiling < policy_.cap_ms; ++i) ceiling *= 2;
  return std::min(ceiling, policy_.cap_ms);
}

std::int64_t Backoff::delay_ms(int retry, std::optional<int> retry_after_seconds) {
  std::uniform_int_distribution<std::int64_t> jitter(0, ceiling_ms(std::max(retry, 0)));
  std::int64_t delay = jitter(rng_);
  if (retry_after_seconds) {
    delay = std::max(delay, static_cast<std::int64_t>(*retry_after_seconds) * 1000);
  }
  return delay;
}

}  // namespace shelfnode::wix
