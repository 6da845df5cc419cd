#include "shelfnode/core/clock.h"

#include <chrono>
#include <cstdio>

namespace shelfnode {

std::int64_t SystemClock::now_ms() const {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

namespace {

// The proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's civil_from_days),
// in 64-bit arithmetic: gmtime_r takes a time_t, which is 32 bits on Debian armhf, so a date
// past 2038-01-19 (a manifest's expiry, a far-future test date) would wrap.
void civil_from_days(std::int64_t z, std::int64_t& y, int& m, int& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = yoe + era * 400 + (m <= 2);
}

// Floor division, so that instants before 1970 land in the right second and day.
std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

}  // namespace

std::string format_utc_ms(std::int64_t epoch_ms) {
  const std::int64_t secs = floor_div(epoch_ms, 1000);
  const int ms = static_cast<int>(epoch_ms - secs * 1000);
  const std::int64_t days = floor_div(secs, 86400);
  const std::int64_t in_day = secs - days * 86400;
  std::int64_t y = 0;
  int m = 0;
  int d = 0;
  civil_from_days(days, y, m, d);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02d-%02dT%02d:%02d:%02d.%03dZ", static_cast<long long>(y),
                m, d, static_cast<int>(in_day / 3600), static_cast<int>(in_day / 60 % 60),
                static_cast<int>(in_day % 60), ms);
  return buf;
}

}  // namespace shelfnode
