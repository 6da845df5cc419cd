#include "large_ledger.h"

namespace shelfnode::bench {

Status fill_large_ledger(store::Database& db, std::size_t skus, std::size_t movements) {
  const std::string sql =
      "BEGIN;"
      "INSERT INTO warehouses (name, mapped, created_at) VALUES ('shop', 1, '2026-01-01');"
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
      std::to_string(skus) +
      ") INSERT INTO catalog_items (origin, sku, name, product_id, variant_id, track_quantity,"
      " updated_at) SELECT 'wix', 'SKU-' || i, 'Product number ' || i, 'p' || i, 'v' || i, 1,"
      " '2026-01-01' FROM n;"
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
      std::to_string(movements) +
      ") INSERT INTO movements (id, at, code, sku, warehouse_id, delta, kind, source)"
      " SELECT printf('%08x-0000-7000-8000-%012x', i, i), '2026-01-01T00:00:00.000Z',"
      " 'SKU-' || (i % " + std::to_string(skus) + " + 1), 'SKU-' || (i % " +
      std::to_string(skus) + " + 1), 1, 1, 'receive', 'scan:stdin' FROM n;"
      "INSERT INTO stock (sku, warehouse_id, qty) SELECT sku, 1, count(*) FROM movements"
      " GROUP BY sku;"
      "COMMIT;";
  return db.exec(sql.c_str());
}

bool large_ledger_flags(const Flags& flags, std::size_t& movements, std::size_t& skus) {
  return flags.get_count("movements", 1'000'000, movements) &&
         flags.get_count("skus", 100'000, skus);
}

}  // namespace shelfnode::bench
