#include <cstdio>

#include "cli/commands.h"
#include "shelfnode/catalog/catalog.h"
#include "shelfnode/core/json.h"
#include "shelfnode/ledger/warehouses.h"
#include "shelfnode/store/schema.h"

namespace shelfnode::cli {
namespace {

struct LedgerFacts {
  std::int64_t movements = 0;
  std::string last_movement_at;
  std::int64_t managed_skus = 0;
};

Result<LedgerFacts> ledger_facts(store::Database& db) {
  LedgerFacts f;
  Result<store::Statement> s = db.prepare(
      "SELECT (SELECT count(*) FROM movements), (SELECT max(at) FROM movements),"
      " (SELECT count(DISTINCT s.sku) FROM stock s JOIN warehouses w ON w.id = s.warehouse_id"
      "  WHERE w.mapped = 1)");
  if (!s.ok()) return s.status();
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  f.movements = s->int_at(0);
  f.last_movement_at = s->text_at(1);
  f.managed_skus = s->int_at(2);
  return f;
}

}  // namespace

int run_status(App& app, const Args& args) {
  Status s = app.open_for_read();
  if (!s.ok()) return fail(s);
  Result<std::vector<ledger::Warehouse>> warehouses = ledger::list_warehouses(app.db());
  if (!warehouses.ok()) return fail(warehouses.status());
  Result<LedgerFacts> facts = ledger_facts(app.db());
  if (!facts.ok()) return fail(facts.status());
  std::vector<std::string> mapped;
  for (const auto& w : *warehouses) {
    if (w.mapped) mapped.push_back(w.name);
  }
  Result<std::int64_t> catalog_skus = catalog::catalog_size(app.db());
  if (!catalog_skus.ok()) return fail(catalog_skus.status());
  const std::int64_t catalog = *catalog_skus;
  const bool connected = !app.config().wix.site_id.empty();
  std::string warning;
  if (mapped.empty()) {
    warning =
        "no warehouse is mapped: nothing will be pushed to Wix; map one with "
        "`shelfnode warehouse map NAME`";
  }

  if (args.json()) {
    JsonPtr root(cJSON_CreateObject());
    cJSON_AddStringToObject(root.get(), "data_dir", app.paths().dir.c_str());
    cJSON_AddNumberToObject(root.get(), "schema", store::latest_schema_version());
    cJSON_AddNumberToObject(root.get(), "warehouses", static_cast<double>(warehouses->size()));
    cJSON* m = cJSON_AddArrayToObject(root.get(), "mapped_warehouses");
    for (const auto& name : mapped) cJSON_AddItemToArray(m, cJSON_CreateString(name.c_str()));
    cJSON_AddNumberToObject(root.get(), "catalog_skus", static_cast<double>(catalog));
    cJSON_AddNumberToObject(root.get(), "movements", static_cast<double>(facts->movements));
    if (facts->last_movement_at.empty()) {
      cJSON_AddNullToObject(root.get(), "last_movement_at");
    } else {
      cJSON_AddStringToObject(root.get(), "last_movement_at", facts->last_movement_at.c_str());
    }
    cJSON_AddNumberToObject(root.get(), "managed_skus", static_cast<double>(facts->managed_skus));
    cJSON_AddBoolToObject(root.get(), "wix_connected", connected);
    if (!warning.empty()) cJSON_AddStringToObject(root.get(), "warning", warning.c_str());
    std::printf("%s\n", to_json_pretty(root.get()).c_str());
    return 0;
  }
  std::string mapped_text;
  for (const auto& name : mapped) mapped_text += (mapped_text.empty() ? "" : ", ") + name;
  std::printf("data dir:     %s (schema %d)\n", app.paths().dir.c_str(),
              store::latest_schema_version());
  std::printf("wix:          %s\n", connected ? app.config().wix.site_id.c_str()
                                              : "not connected (offline: scans are kept locally)");
  std::printf("warehouses:   %zu (mapped: %s)\n", warehouses->size(),
              mapped_text.empty() ? "none" : mapped_text.c_str());
  std::printf("catalog:      %lld SKUs cached\n", static_cast<long long>(catalog));
  std::printf("ledger:       %lld movements, last at %s\n",
              static_cast<long long>(facts->movements),
              facts->last_movement_at.empty() ? "-" : facts->last_movement_at.c_str());
  std::printf("managed SKUs: %lld (these are the ones pushed to Wix)\n",
              static_cast<long long>(facts->managed_skus));
  if (!warning.empty()) std::printf("warning:      %s\n", warning.c_str());
  return 0;
}

}  // namespace shelfnode::cli
