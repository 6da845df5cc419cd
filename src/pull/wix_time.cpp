#include <cstdint>
#include <optional>

#include "shelfnode/core/clock.h"
#include "shelfnode/pull/catalog_page.h"

namespace shelfnode::pull {

std::string normalise_wix_time(const char* text) {
  if (text == nullptr) return "";
  const std::optional<std::int64_t> ms = parse_utc_ms(text);
  return ms ? format_utc_ms(*ms) : std::string();
}

}  // namespace shelfnode::pull
