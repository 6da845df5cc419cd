#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "shelfnode/core/result.h"

namespace shelfnode::cli {

// A ledger time (format_utc_ms) as the shop's clock shows it: "2026-12-06 14:03:07" in the
// device's time zone (TZ, /etc/localtime). Text that is not a ledger time is shown as it is.
std::string local_time_text(const std::string& utc);

// What --since accepts, as a ledger time (format_utc_ms) to compare with:
//   30m, 12h, 7d             that long before `now_ms`
//   2026-12-01               that day's start, local time
//   2026-12-01T09:30[:00]    local time (a space instead of T too)
//   2026-12-01T09:30:00Z     UTC, or with a +hh:mm / -hh:mm offset
Result<std::string> parse_since(std::string_view text, std::int64_t now_ms);

}  // namespace shelfnode::cli
