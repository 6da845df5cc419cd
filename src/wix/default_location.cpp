#include "shelfnode/wix/default_location.h"

namespace shelfnode::wix {

JsonPtr default_location_query() {
  JsonPtr body(cJSON_CreateObject());
  cJSON* query = cJSON_AddObjectToObject(body.get(), "query");
  cJSON_AddTrueToObject(
      cJSON_AddObjectToObject(cJSON_AddObjectToObject(query, "filter"), "defaultLocation"), "$eq");
  cJSON_AddNumberToObject(cJSON_AddObjectToObject(query, "cursorPaging"), "limit", 1);
  return body;
}

Result<std::string> default_location_id(const cJSON* answer) {
  const cJSON* locations = cJSON_GetObjectItemCaseSensitive(answer, "storesLocations");
  const cJSON* location = nullptr;
  cJSON_ArrayForEach(location, locations) {
    if (bool_at(location, "defaultLocation").value_or(false)) {
      std::string id = text_at(location, "id");
      if (!id.empty()) return id;
    }
  }
  return bad_data("Wix did not name the store's default location");
}

}  // namespace shelfnode::wix
