#pragma once

#include <string>

#include "shelfnode/core/json.h"
#include "shelfnode/core/result.h"

namespace shelfnode::wix {

// The store's default location: the one online orders deduct stock from [R37]. Found with
// the public Query Stores Locations, filtered on `defaultLocation`; the SDK's
// `GET /stores/v3/locations/default` is internal/preview and not for API keys [SDK:loc3]
// (https://dev.wix.com/docs/api-reference/business-solutions/stores/catalog-v3/stores-locations-v3/query-stores-locations).
inline constexpr const char* kLocationsQueryPath = "/stores/v3/locations/query";
// What the owner ticks in the API Keys Manager for that call, and its scope [SDK:loc3].
inline constexpr const char* kLocationReadPermission = "Read Stores Locations in v3 catalog";
inline constexpr const char* kLocationReadScope = "SCOPE.STORES.LOCATION_READ";

// {"query":{"filter":{"defaultLocation":{"$eq":true}},"cursorPaging":{"limit":1}}}
JsonPtr default_location_query();

// The ID of the default location in a Query Stores Locations answer. Only a location that
// itself says `defaultLocation: true` counts, whatever the filter did; none is bad data.
Result<std::string> default_location_id(const cJSON* answer);

}  // namespace shelfnode::wix
