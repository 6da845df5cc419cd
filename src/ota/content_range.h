#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace shelfnode::ota {

// "Content-Range: bytes FIRST-LAST/TOTAL" (RFC 9110 §14.4), the one form a 206 answer to a
// single open Range may carry. TOTAL "*" (unknown) is not accepted: a resumed download must
// know the size it is resuming, or it cannot tell the rest of this file from another file.
struct ContentRange {
  std::uint64_t first = 0;
  std::uint64_t last = 0;  // inclusive
  std::uint64_t total = 0;
};

// Strict: the unit "bytes", one space, decimal digits only (no sign, no spaces inside, at
// most 19 digits), FIRST <= LAST < TOTAL. Nothing for anything else.
std::optional<ContentRange> parse_content_range(std::string_view value);

// "bytes */TOTAL", the form a 416 carries: the size the server has now.
std::optional<std::uint64_t> parse_unsatisfied_range(std::string_view value);

}  // namespace shelfnode::ota
