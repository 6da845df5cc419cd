#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace shelfnode {

// "1 SKU", "2 SKUs", "0 SKUs": a count and its noun for people to read. `many` is for the
// nouns that do not just take an s ("1 entry", "3 entries"); empty means `one` + "s".
inline std::string plural(std::int64_t n, std::string_view one, std::string_view many = {}) {
  std::string text = std::to_string(n) + " ";
  if (n == 1) return text.append(one);
  if (!many.empty()) return text.append(many);
  return text.append(one).append("s");
}

}  // namespace shelfnode
