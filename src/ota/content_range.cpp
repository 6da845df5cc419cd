#include "content_range.h"

namespace shelfnode::ota {
namespace {

constexpr std::string_view kUnit = "bytes ";

// Decimal digits up to `stop` (or the end); advances `text` past them.
std::optional<std::uint64_t> take_number(std::string_view& text, char stop) {
  std::uint64_t value = 0;
  std::size_t i = 0;
  while (i < text.size() && text[i] != stop) {
    const char c = text[i];
    if (c < '0' || c > '9' || i == 19) return std::nullopt;  // 19 digits fit in 64 bits
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
    ++i;
  }
  if (i == 0) return std::nullopt;
  text.remove_prefix(i);
  return value;
}

std::string_view trimmed(std::string_view v) {
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  return v;
}

}  // namespace

std::optional<ContentRange> parse_content_range(std::string_view value) {
  value = trimmed(value);
  if (value.substr(0, kUnit.size()) != kUnit) return std::nullopt;
  value.remove_prefix(kUnit.size());
  ContentRange r;
  const auto first = take_number(value, '-');
  if (!first || value.empty()) return std::nullopt;
  value.remove_prefix(1);
  const auto last = take_number(value, '/');
  if (!last || value.empty()) return std::nullopt;
  value.remove_prefix(1);
  const auto total = take_number(value, '\0');
  if (!total || !value.empty()) return std::nullopt;
  if (*first > *last || *last >= *total) return std::nullopt;
  r.first = *first;
  r.last = *last;
  r.total = *total;
  return r;
}

std::optional<std::uint64_t> parse_unsatisfied_range(std::string_view value) {
  value = trimmed(value);
  constexpr std::string_view kPrefix = "bytes */";
  if (value.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  value.remove_prefix(kPrefix.size());
  const auto total = take_number(value, '\0');
  if (!total || !value.empty()) return std::nullopt;
  return total;
}

}  // namespace shelfnode::ota
