#pragma once

#include <functional>
#include <string>
#include <vector>

#include "shelfnode/sync/inventory_api.h"
#include "sync/inventory_calls.h"

namespace shelfnode::sync {

// Catalog V3 inventory reads [R27][R31]: one item per (variant, location). Only the items at
// the default location count: online orders deduct from it [R37].
inline constexpr const char* kV3QueryPath = "/stores/v3/inventory-items/query";
inline constexpr std::size_t kV3PageSize = 1000;  // the query maximum [SDK:inv3]

// The default location, by Query Stores Locations (shelfnode/wix/default_location.h).
Result<std::string> v3_default_location(WixCalls& wix);

Result<std::vector<WixStock>> v3_read(WixCalls& wix, const std::string& location,
                                      const std::vector<WixVariant>& variants);

Status v3_read_all(WixCalls& wix, const std::string& location,
                   const std::function<Status(const std::vector<WixStock>&)>& page);

}  // namespace shelfnode::sync
