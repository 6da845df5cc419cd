#pragma once

#include <cstdint>
#include <string>

namespace shelfnode {

// Time behind one seam so tests can pin it. Milliseconds since the Unix epoch, UTC.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::int64_t now_ms() const = 0;
};

class SystemClock final : public Clock {
 public:
  std::int64_t now_ms() const override;
};

class FakeClock final : public Clock {
 public:
  explicit FakeClock(std::int64_t start_ms) : now_(start_ms) {}
  std::int64_t now_ms() const override { return now_; }
  void advance_ms(std::int64_t ms) { now_ += ms; }

 private:
  std::int64_t now_;
};

// "2026-11-24T14:33:50.123Z": the form Wix uses for timestamps, and ours in the ledger.
std::string format_utc_ms(std::int64_t epoch_ms);

}  // namespace shelfnode
