#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

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

// Milliseconds since the epoch of an ISO-8601 UTC timestamp as Wix writes them:
// "2026-01-10T12:00:00.348Z"; 0–9 fraction digits and a "+hh:mm"/"-hh:mm" offset are read
// too. Nothing for anything else (a day the month does not have included).
std::optional<std::int64_t> parse_utc_ms(std::string_view text);

}  // namespace shelfnode
