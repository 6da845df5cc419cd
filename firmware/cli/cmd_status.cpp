#include <cstdio>

#include "cli/commands.h"
#include "cli/status_daemon.h"
#include "cli/status_sync.h"
#include "shelfnode/core/json.h"
#include "shelfnode/core/plural.h"
#include "shelfnode/ledger/warehouses.h"
#include "shelfnode/pull/catalog_report.h"
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

// The catalog pull's part of `status`: where the cache came from and what keeps SKUs from
// being pushed (the pull's report, counts only).
struct CatalogFacts {
  pull::PullStatus pull;
  pull::CatalogReport report;
};

Result<CatalogFacts> catalog_facts(store::Database& db) {
  CatalogFacts f;
  Result<pull::PullStatus> st = pull::read_pull_status(db);
  if (!st.ok()) return st.status();
  f.pull = std::move(st).value();
  Result<pull::CatalogReport> r = pull::read_report(db, 1);
  if (!r.ok()) return r.status();
  f.report = std::move(r).value();
  return f;
}

void add_text_or_null(cJSON* o, const char* name, const std::string& text) {
  if (text.empty()) {
    cJSON_AddNullToObject(o, name);
  } else {
    cJSON_AddStringToObject(o, name, text.c_str());
  }
}

void add_catalog_json(cJSON* root, const CatalogFacts& f) {
  cJSON* c = cJSON_AddObjectToObject(root, "catalog");
  add_text_or_null(c, "version", f.pull.catalog_version);
  add_text_or_null(c, "pulled_at", f.pull.pulled_at);
  add_text_or_null(c, "full_pulled_at", f.pull.full_pulled_at);
  add_text_or_null(c, "last_mode", f.pull.last_mode);
  cJSON_AddBoolToObject(c, "interrupted", f.pull.interrupted);
  cJSON_AddNumberToObject(c, "wix_variants", static_cast<double>(f.pull.wix_variants));
  cJSON_AddNumberToObject(c, "duplicate_skus", static_cast<double>(f.report.duplicate_skus));
  cJSON_AddNumberToObject(c, "without_sku", static_cast<double>(f.report.without_sku));
  cJSON_AddNumberToObject(c, "untracked", static_cast<double>(f.report.untracked));
  cJSON_AddNumberToObject(c, "no_inventory_item", static_cast<double>(f.report.no_inventory_item));
  add_text_or_null(c, "hint", pull::report_hint(f.report));
}

// "catalog:" line and, when the last pull found problems, a "catalog fix:" line.
void print_catalog_text(std::int64_t skus, const CatalogFacts& f, bool connected) {
  std::string where;
  if (!f.pull.catalog_version.empty()) where = "Wix " + f.pull.catalog_version;
  if (!f.pull.pulled_at.empty()) {
    where += ", last pull " + f.pull.pulled_at + ", " + f.pull.last_mode;
  }
  if (!where.empty()) where = " (" + where + ")";
  if (f.pull.interrupted) {
    where += "; the last pull was cut short: run `shelfnode catalog pull` to finish it";
  } else if (connected && f.pull.pulled_at.empty()) {
    where += "; never pulled from Wix: run `shelfnode catalog pull`";
  }
  std::printf("catalog:      %s cached%s\n", plural(skus, "SKU").c_str(), where.c_str());
  if (!f.report.clean()) {
    std::printf("catalog fix:  %s: %s\n", pull::report_counts_text(f.report).c_str(),
                pull::report_hint(f.report).c_str());
  }
}

}  // namespace

int run_status(App& app, const Args& args) {
  const DaemonFacts daemon = DaemonFacts::read(app.paths());
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
  Result<CatalogFacts> catalog_pull = catalog_facts(app.db());
  if (!catalog_pull.ok()) return fail(catalog_pull.status());
  const std::int64_t catalog = catalog_pull->pull.catalog_skus;
  const bool connected = !app.config().wix.site_id.empty();
  Result<sync::SyncStatus> sync_state = sync::sync_status(app.db());
  if (!sync_state.ok()) return fail(sync_state.status());
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
    add_catalog_json(root.get(), *catalog_pull);
    cJSON_AddNumberToObject(root.get(), "movements", static_cast<double>(facts->movements));
    if (facts->last_movement_at.empty()) {
      cJSON_AddNullToObject(root.get(), "last_movement_at");
    } else {
      cJSON_AddStringToObject(root.get(), "last_movement_at", facts->last_movement_at.c_str());
    }
    cJSON_AddNumberToObject(root.get(), "managed_skus", static_cast<double>(facts->managed_skus));
    cJSON_AddBoolToObject(root.get(), "wix_connected", connected);
    add_sync_json(root.get(), *sync_state);
    daemon.add_json(root.get());
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
  print_catalog_text(catalog, *catalog_pull, connected);
  std::printf("ledger:       %s, last at %s\n", plural(facts->movements, "movement").c_str(),
              facts->last_movement_at.empty() ? "-" : facts->last_movement_at.c_str());
  std::printf("managed SKUs: %lld (these are the ones pushed to Wix)\n",
              static_cast<long long>(facts->managed_skus));
  print_sync_status_text(*sync_state, connected);
  daemon.print_text();
  if (!warning.empty()) std::printf("warning:      %s\n", warning.c_str());
  return 0;
}

}  // namespace shelfnode::cli
