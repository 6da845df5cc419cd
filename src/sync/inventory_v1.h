#pragma once

#include <functional>
#include <vector>

#include "shelfnode/sync/inventory_api.h"
#include "sync/inventory_calls.h"

namespace shelfnode::sync {

// Catalog V1 inventory reads [R19][R22][R23]: one inventory item per product, its variants
// inside. Products without managed variants have the all-zero variant ID [R20][R21].
// Query Inventory is served under `stores-reader` in Wix's REST reference (URL
// https://www.wixapis.com/stores-reader/v2/inventoryItems/query, permission Read Products:
// https://dev.wix.com/docs/api-reference/business-solutions/stores/catalog-v1/inventory/query-inventory),
// as in the SDK [SDK:inv1]; `/stores/v2/inventoryItems/...` is the write service.
inline constexpr const char* kV1QueryPath = "/stores-reader/v2/inventoryItems/query";
inline constexpr std::size_t kV1PageSize = 100;  // the query maximum [R15][SDK:inv1]

Result<std::vector<WixStock>> v1_read(WixCalls& wix, const std::vector<WixVariant>& variants);

Status v1_read_all(WixCalls& wix, const std::function<Status(const std::vector<WixStock>&)>& page);

}  // namespace shelfnode::sync
