#include "catalog_csv.h"

#include <cstdio>

namespace shelfnode::bench {

int gs1_check_digit(std::string_view body) {
  int sum = 0;
  int weight = 3;  // the digit next to the check digit weighs 3
  for (auto it = body.rbegin(); it != body.rend(); ++it) {
    sum += (*it - '0') * weight;
    weight = 4 - weight;
  }
  return (10 - sum % 10) % 10;
}

std::vector<CatalogEntry> make_catalog(std::size_t count) {
  std::vector<CatalogEntry> rows;
  rows.reserve(count);
  char buf[32];
  for (std::size_t i = 0; i < count; ++i) {
    CatalogEntry e;
    std::snprintf(buf, sizeof buf, "BNC-%06zu", i);
    e.sku = buf;
    e.name = "Bench item " + std::to_string(i);
    // Prefix 2 is GS1's restricted in-store range: these never collide with a real product.
    // Spread the numbers so consecutive rows do not share long index prefixes.
    std::snprintf(buf, sizeof buf, "2%011zu", (i * 7919u + 12345u) % 100000000000u);
    e.gtin13 = buf;
    e.gtin13 += static_cast<char>('0' + gs1_check_digit(e.gtin13));
    rows.push_back(std::move(e));
  }
  return rows;
}

std::string to_csv(const std::vector<CatalogEntry>& rows) {
  std::string out = "sku,name,barcode\n";
  out.reserve(rows.size() * 48);
  for (const CatalogEntry& e : rows) out += e.sku + "," + e.name + "," + e.gtin13 + "\n";
  return out;
}

}  // namespace shelfnode::bench
