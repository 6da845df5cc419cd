#pragma once

#include <cjson/cJSON.h>

#include <cstddef>
#include <map>
#include <string>

namespace shelfnode::bench {

// The Wix calls of a Catalog V1 site as the emulator logged them (GET /_emulator/requests),
// by what they do (API.md §4, §6).
struct V1Calls {
  long increment = 0;  // POST /stores/v2/inventoryItems/increment
  long decrement = 0;  // POST /stores/v2/inventoryItems/decrement
  long set = 0;        // PATCH /stores/v2/inventoryItems/...
  long read = 0;       // inventory query / getVariants
  long orders = 0;     // POST /ecom/v1/orders/search
  long other = 0;
  long increment_entries = 0;  // entries over all increment calls
  long decrement_entries = 0;
  long refused = 0;  // answered with anything but 2xx (or not at all)
  double server_seconds = 0;

  long pushes() const { return increment + decrement + set; }
  long total() const { return pushes() + read + orders + other; }
};

// Counts the `requests` array of GET /_emulator/requests.
V1Calls count_v1_calls(const cJSON* requests);

// SKU -> Wix quantity from GET /_emulator/inventory (untracked rows left out; a SKU on
// several variants keeps its last row).
std::map<std::string, long> wix_quantities(const cJSON* inventory);

}  // namespace shelfnode::bench
