#include "cli/local_time.h"

#include <cctype>
#include <cstdio>
#include <ctime>
#include <optional>

#include "cli/app.h"
#include "shelfnode/core/clock.h"
#include "shelfnode/core/printable.h"

namespace shelfnode::cli {
namespace {

constexpr std::int64_t kMinuteMs = 60'000;

// "30m" / "12h" / "7d": milliseconds, or nothing.
std::optional<std::int64_t> relative_ms(std::string_view text) {
  if (text.empty()) return std::nullopt;
  const std::optional<std::int64_t> n = decimal_digits(text.substr(0, text.size() - 1), 6);
  if (!n) return std::nullopt;
  switch (text.back()) {
    case 'm':
      return *n * kMinuteMs;
    case 'h':
      return *n * 60 * kMinuteMs;
    case 'd':
      return *n * 24 * 60 * kMinuteMs;
    default:
      return std::nullopt;
  }
}

// "2026-12-01", "2026-12-01T09:30", "2026-12-01 09:30:15" in local time.
std::optional<std::int64_t> local_ms(std::string_view text) {
  std::tm tm{};
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, used = 0;
  const std::string t(text);
  const bool date_only = t.size() == 10 &&
                         std::sscanf(t.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &used) == 3;
  if (!date_only) {
    char sep = 0;
    const int got =
        std::sscanf(t.c_str(), "%4d-%2d-%2d%c%2d:%2d%n", &y, &mo, &d, &sep, &h, &mi, &used);
    if (got != 6 || (sep != 'T' && sep != ' ')) return std::nullopt;
    if (static_cast<std::size_t>(used) != t.size()) {
      int more = 0;
      if (std::sscanf(t.c_str() + used, ":%2d%n", &s, &more) != 1) return std::nullopt;
      used += more;
    }
  }
  if (static_cast<std::size_t>(used) != t.size()) return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return std::nullopt;
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  tm.tm_isdst = -1;  // the zone's rules decide summer time
  const std::time_t secs = std::mktime(&tm);
  // mktime normalises 2026-02-31 into March: refuse a day the month does not have.
  if (secs == static_cast<std::time_t>(-1) || tm.tm_mday != d) return std::nullopt;
  return static_cast<std::int64_t>(secs) * 1000;
}

}  // namespace

std::string local_time_text(const std::string& utc) {
  const std::optional<std::int64_t> ms = parse_utc_ms(utc);
  if (!ms) return utc;
  const std::time_t secs = static_cast<std::time_t>(*ms / 1000);
  std::tm tm{};
  if (localtime_r(&secs, &tm) == nullptr) return utc;
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

Result<std::string> parse_since(std::string_view text, std::int64_t now_ms) {
  std::optional<std::int64_t> ms;
  if (const std::optional<std::int64_t> back = relative_ms(text)) {
    ms = now_ms - *back;
  } else if (!(ms = parse_utc_ms(text))) {
    ms = local_ms(text);
  }
  if (!ms) {
    return usage_error("--since '" + printable(text) +
                       "' is not a time: use 30m, 12h or 7d (that long ago), 2026-12-01 or "
                       "2026-12-01T09:30 (local time), or 2026-12-01T09:30:00Z (UTC)");
  }
  return format_utc_ms(*ms);
}

}  // namespace shelfnode::cli
