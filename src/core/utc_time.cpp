#include <cctype>

#include "shelfnode/core/clock.h"

namespace shelfnode {
namespace {

// Reads `width` digits at `pos` into `out`; false if any is not a digit.
bool digits(std::string_view s, std::size_t pos, std::size_t width, int& out) {
  if (pos + width > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, int m, int d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

// The zone suffix at `pos` ("Z", "+hh:mm", "-hh:mm") as an offset in minutes.
std::optional<int> zone_minutes(std::string_view s, std::size_t pos) {
  if (pos + 1 == s.size() && (s[pos] == 'Z' || s[pos] == 'z')) return 0;
  int hh = 0;
  int mm = 0;
  if (pos + 6 != s.size() || (s[pos] != '+' && s[pos] != '-') || s[pos + 3] != ':' ||
      !digits(s, pos + 1, 2, hh) || !digits(s, pos + 4, 2, mm) || hh > 23 || mm > 59) {
    return std::nullopt;
  }
  return (s[pos] == '-' ? -1 : 1) * (hh * 60 + mm);
}

}  // namespace

std::optional<std::int64_t> parse_utc_ms(std::string_view s) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
  if (s.size() < 20 || !digits(s, 0, 4, y) || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't') || !digits(s, 11, 2, h) ||
      s[13] != ':' || !digits(s, 14, 2, mi) || s[16] != ':' || !digits(s, 17, 2, se)) {
    return std::nullopt;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || se > 60) {
    return std::nullopt;
  }
  std::size_t pos = 19;
  int ms = 0;
  if (s[pos] == '.') {
    std::size_t n = 0;
    for (++pos; pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos])); ++pos, ++n) {
      if (n < 3) ms = ms * 10 + (s[pos] - '0');
    }
    if (n == 0 || n > 9) return std::nullopt;
    for (; n < 3; ++n) ms *= 10;
  }
  const std::optional<int> zone = zone_minutes(s, pos);
  if (!zone) return std::nullopt;
  const std::int64_t secs = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se -
                            static_cast<std::int64_t>(*zone) * 60;
  return secs * 1000 + ms;
}

}  // namespace shelfnode
