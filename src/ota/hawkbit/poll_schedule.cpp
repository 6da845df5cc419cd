#include "shelfnode/ota/hawkbit/poll_schedule.h"

#include <algorithm>

namespace shelfnode::ota::hawkbit {

std::int64_t bounded_sleep_seconds(std::optional<std::int64_t> controller_sleep) {
  if (!controller_sleep) return kDefaultSleepSeconds;
  return std::clamp(*controller_sleep, kMinSleepSeconds, kMaxSleepSeconds);
}

std::int64_t error_backoff_ms(int failures, double unit) {
  constexpr std::int64_t kBaseMs = 5'000;
  constexpr std::int64_t kCapMs = 600'000;
  const int doublings = std::clamp(failures - 1, 0, 20);
  const std::int64_t window = std::min(kCapMs, kBaseMs << doublings);
  const double u = std::clamp(unit, 0.0, 1.0);
  // Full jitter spreads a fleet that lost its controller together; the floor keeps one
  // device from hammering it.
  return std::max<std::int64_t>(1'000, static_cast<std::int64_t>(u * static_cast<double>(window)));
}

}  // namespace shelfnode::ota::hawkbit
