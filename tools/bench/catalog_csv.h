#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace shelfnode::bench {

// One catalog row the benchmarks import and then scan.
struct CatalogEntry {
  std::string sku;     // "BNC-000042"
  std::string name;    // "Bench item 42"
  std::string gtin13;  // a valid GTIN-13 in the in-store range (prefix 2), unique per row
  std::string gtin14() const { return "0" + gtin13; }
};

// GS1 mod-10 check digit of `body` (digits only, without the check digit). Written here
// rather than taken from the product so the generated barcodes check the product's parser.
int gs1_check_digit(std::string_view body);

// `count` rows, the same every run.
std::vector<CatalogEntry> make_catalog(std::size_t count);

// The rows as the CSV `catalog import` and catalog::import_csv read (sku,name,barcode).
std::string to_csv(const std::vector<CatalogEntry>& rows);

}  // namespace shelfnode::bench
