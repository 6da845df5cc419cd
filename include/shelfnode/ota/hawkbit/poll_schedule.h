#pragma once

#include <cstdint>
#include <optional>

namespace shelfnode::ota::hawkbit {

// hawkBit's polling.sleep bounded: at least 1 s (a "00:00:00" must not spin), at most a day
// (a bogus "99:59:59" must not park the device for four days). No sleep given: 5 minutes.
inline constexpr std::int64_t kMinSleepSeconds = 1;
inline constexpr std::int64_t kMaxSleepSeconds = 24 * 3600;
inline constexpr std::int64_t kDefaultSleepSeconds = 300;

std::int64_t bounded_sleep_seconds(std::optional<std::int64_t> controller_sleep);

// After `failures` failed polls in a row (1 = the first): exponential with full jitter from
// 5 s up to 10 minutes, at least 1 s. `unit` in [0, 1) is the jitter draw.
std::int64_t error_backoff_ms(int failures, double unit);

}  // namespace shelfnode::ota::hawkbit
