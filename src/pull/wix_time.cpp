#include <cctype>
#include <cstdint>
#include <cstring>
#include <optional>

#include "shelfnode/core/clock.h"
#include "shelfnode/pull/catalog_page.h"

namespace shelfnode::pull {
namespace {

// Reads `n` digits at `p` into `out`; false if any is not a digit.
bool digits(const char*& p, int n, int& out) {
  out = 0;
  for (int i = 0; i < n; ++i, ++p) {
    if (!std::isdigit(static_cast<unsigned char>(*p))) return false;
    out = out * 10 + (*p - '0');
  }
  return true;
}

bool expect(const char*& p, char c) {
  if (*p != c) return false;
  ++p;
  return true;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - static_cast<int>(era * 400);
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::optional<std::int64_t> parse_ms(const char* p) {
  int y, mo, d, h, mi, s;
  if (!digits(p, 4, y) || !expect(p, '-') || !digits(p, 2, mo) || !expect(p, '-') ||
      !digits(p, 2, d) || !expect(p, 'T') || !digits(p, 2, h) || !expect(p, ':') ||
      !digits(p, 2, mi) || !expect(p, ':') || !digits(p, 2, s)) {
    return std::nullopt;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return std::nullopt;
  int ms = 0;
  if (*p == '.') {
    ++p;
    int scale = 100, n = 0;
    for (; std::isdigit(static_cast<unsigned char>(*p)); ++p, ++n) {
      ms += (*p - '0') * scale;
      scale /= 10;
    }
    if (n == 0) return std::nullopt;
  }
  int offset_min = 0;
  if (*p == '+' || *p == '-') {
    const int sign = *p == '-' ? -1 : 1;
    ++p;
    int oh, om;
    if (!digits(p, 2, oh) || !expect(p, ':') || !digits(p, 2, om)) return std::nullopt;
    offset_min = sign * (oh * 60 + om);
  } else if (!expect(p, 'Z')) {
    return std::nullopt;
  }
  if (*p != '\0') return std::nullopt;
  const std::int64_t seconds = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s -
                               static_cast<std::int64_t>(offset_min) * 60;
  return seconds * 1000 + ms;
}

}  // namespace

std::string normalise_wix_time(const char* text) {
  if (text == nullptr) return "";
  const std::optional<std::int64_t> ms = parse_ms(text);
  return ms ? format_utc_ms(*ms) : std::string();
}

}  // namespace shelfnode::pull
