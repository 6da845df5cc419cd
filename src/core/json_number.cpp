#include <cmath>
#include <limits>
#include <string>

#include "shelfnode/core/json.h"

namespace shelfnode {
namespace {

constexpr std::size_t kShownBytes = 40;

// The value as a message shows it: the JSON text, cut short; cJSON prints an infinity
// (1e400 in the text) as null, which would mislead.
std::string shown(const cJSON* item) {
  if (cJSON_IsNumber(item) && !std::isfinite(item->valuedouble)) return "a number beyond any range";
  std::string text = to_json_text(item);
  if (text.size() > kShownBytes) text = text.substr(0, kShownBytes) + "...";
  return text;
}

Status refused(const cJSON* item, std::int64_t min, std::int64_t max) {
  return bad_data(shown(item) + " is not a whole number from " + std::to_string(min) + " to " +
                  std::to_string(max));
}

// "-"? digits, exactly, as an int64; false on anything else or on overflow.
bool read_digits(const char* text, std::int64_t& out) {
  const bool negative = *text == '-';
  const char* p = negative ? text + 1 : text;
  if (*p == '\0') return false;
  // The magnitude may reach 2^63 for a negative number, one more than int64's maximum.
  const std::uint64_t limit =
      static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + (negative ? 1 : 0);
  std::uint64_t magnitude = 0;
  for (; *p != '\0'; ++p) {
    if (*p < '0' || *p > '9') return false;
    const auto digit = static_cast<std::uint64_t>(*p - '0');
    if (magnitude > (limit - digit) / 10) return false;
    magnitude = magnitude * 10 + digit;
  }
  if (!negative) {
    out = static_cast<std::int64_t>(magnitude);
  } else if (magnitude == limit) {
    out = std::numeric_limits<std::int64_t>::min();
  } else {
    out = -static_cast<std::int64_t>(magnitude);
  }
  return true;
}

}  // namespace

Result<std::int64_t> whole_number(const cJSON* item, std::int64_t min, std::int64_t max,
                                  DigitsText digits) {
  if (cJSON_IsNumber(item)) {
    const std::int64_t lo = min < -kMaxExactJsonInt ? -kMaxExactJsonInt : min;
    const std::int64_t hi = max > kMaxExactJsonInt ? kMaxExactJsonInt : max;
    const double v = item->valuedouble;
    // Both bounds are exact doubles, so the comparisons are too; NaN and infinities fail them.
    const bool fits = std::isfinite(v) && std::trunc(v) == v && v >= static_cast<double>(lo) &&
                      v <= static_cast<double>(hi);
    if (!fits) return refused(item, lo, hi);
    return static_cast<std::int64_t>(v);
  }
  if (digits == DigitsText::kAccepted && cJSON_IsString(item) && item->valuestring != nullptr) {
    std::int64_t v = 0;
    if (read_digits(item->valuestring, v) && v >= min && v <= max) return v;
  }
  return refused(item, min, max);
}

Result<std::optional<std::int64_t>> whole_number_at(const cJSON* object, const char* name,
                                                    std::int64_t min, std::int64_t max,
                                                    DigitsText digits) {
  const cJSON* item =
      cJSON_IsObject(object) ? cJSON_GetObjectItemCaseSensitive(object, name) : nullptr;
  if (item == nullptr || cJSON_IsNull(item)) return std::optional<std::int64_t>();
  Result<std::int64_t> v = whole_number(item, min, max, digits);
  if (!v.ok()) return bad_data("'" + std::string(name) + "': " + v.status().message());
  return std::optional<std::int64_t>(*v);
}

}  // namespace shelfnode
