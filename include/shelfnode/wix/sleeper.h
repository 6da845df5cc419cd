#pragma once

#include <cstdint>

namespace shelfnode::wix {

// Waiting behind a seam, so rate-limit and backoff tests advance a FakeClock instead.
class Sleeper {
 public:
  virtual ~Sleeper() = default;
  virtual void sleep_ms(std::int64_t ms) = 0;
};

class SystemSleeper final : public Sleeper {
 public:
  void sleep_ms(std::int64_t ms) override;
};

}  // namespace shelfnode::wix
