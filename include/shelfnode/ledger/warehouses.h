#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "shelfnode/core/clock.h"
#include "shelfnode/core/result.h"
#include "shelfnode/store/database.h"

namespace shelfnode::ledger {

// A local stock location. Only *mapped* warehouses count towards what Wix shows.
struct Warehouse {
  std::int64_t id = 0;
  std::string name;
  bool mapped = false;
};

// Names are what clerks type at the till: 1–32 of [A-Za-z0-9_-], starting with a letter or
// digit, so they never need quoting in a shell or a config file.
Status validate_warehouse_name(std::string_view name);

Result<Warehouse> add_warehouse(store::Database& db, std::string_view name, bool mapped,
                                const Clock& clock);
Result<Warehouse> find_warehouse(store::Database& db, std::string_view name);
// Maps or unmaps; returns the warehouse as it is now.
Result<Warehouse> set_mapped(store::Database& db, std::string_view name, bool mapped);
Result<std::vector<Warehouse>> list_warehouses(store::Database& db);

}  // namespace shelfnode::ledger
