#pragma once

#include <cstdint>
#include <optional>
#include <random>

namespace shelfnode::wix {

struct BackoffPolicy {
  std::int64_t base_ms = 1'000;
  std::int64_t cap_ms = 60'000;
};

// Exponential backoff with full jitter: retry n waits uniformly in [0, min(cap, base * 2^n)],
// so many devices that lost Wix together do not come back together. A Retry-After from Wix
// is a floor, never shortened by jitter or the cap [R9][R45].
class Backoff {
 public:
  explicit Backoff(std::uint64_t seed, BackoffPolicy policy = {});

  // `retry` counts from 0 (the wait before the second attempt).
  std::int64_t delay_ms(int retry, std::optional<int> retry_after_seconds);

  // The upper bound of the jitter window for `retry`, without Retry-After.
  std::int64_t ceiling_ms(int retry) const;

 private:
  BackoffPolicy policy_;
  std::mt19937_64 rng_;
};

}  // namespace shelfnode::wix
