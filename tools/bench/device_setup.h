#pragma once

#include <string>
#include <vector>

#include "bench_support.h"
#include "catalog_csv.h"

namespace shelfnode::bench {

// The warehouse every process benchmark scans into (mapped, as on a shop's device).
constexpr const char* kWarehouse = "shop";

// The shelfnode binary: --shelfnode PATH, else the one this build made.
std::string shelfnode_binary(const Flags& flags);

// Makes `data_dir` a device ready to scan, with the real binary: init, a mapped warehouse,
// and `catalog` imported from a CSV file. False with `error` (which command failed and
// what it wrote to stderr).
bool prepare_device(const std::string& binary, const std::string& data_dir,
                    const std::vector<CatalogEntry>& catalog, std::string& error);

// The shared start of a process benchmark: a fresh directory (kept with --keep), the binary,
// a header naming both and the file system, and a device prepared with `catalog_size`
// SKUs. On failure, prints "<name>: <what failed>" to stderr and returns false.
struct DeviceBench {
  BenchDir dir;
  std::string binary;
  std::vector<CatalogEntry> catalog;
};
bool start_device_bench(const Flags& flags, const char* name, const char* headline,
                        std::size_t catalog_size, DeviceBench& bench);

// `shelfnode --data-dir D scan --warehouse shop --mode receive` (stdin source).
std::vector<std::string> scan_command(const std::string& binary, const std::string& data_dir);

// Checks one reply: "OK <uuid> <sku> <qty>" for the expected SKU and quantity 1.
bool reply_is_ok(const std::string& reply, const std::string& expected_sku);

}  // namespace shelfnode::bench
