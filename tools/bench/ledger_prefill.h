#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "catalog_csv.h"

namespace shelfnode::bench {

// Ages a device's ledger: appends `count` receive movements, spread over `catalog`, to the
// data dir's database through the ledger library (the same rows a scan writes: random UUID,
// SKU, warehouse), many per transaction so it takes seconds rather than minutes. A shop that
// scans 500 items a day has about 180,000 movements after a year. Hold the writer lock
// yourself: call it only while no shelfnode process has the data dir open.
bool prefill_ledger(const std::string& data_dir, const std::vector<CatalogEntry>& catalog,
                    std::size_t count, std::string& error);

}  // namespace shelfnode::bench
