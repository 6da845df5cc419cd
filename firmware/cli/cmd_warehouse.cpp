#include <cstdio>

#include "cli/commands.h"
#include "shelfnode/core/json.h"
#include "shelfnode/ledger/warehouses.h"
#include "shelfnode/store/schema.h"

namespace shelfnode::cli {
namespace {

void print_warehouse(const ledger::Warehouse& w) {
  std::printf("warehouse %s: %s\n", w.name.c_str(),
              w.mapped ? "mapped (counts towards Wix)" : "not mapped (does not count towards Wix)");
}

int set_mapping(App& app, const Args& args, bool mapped) {
  Status s = app.open_for_write(mapped ? "warehouse map" : "warehouse unmap");
  if (!s.ok()) return fail(s);
  Result<ledger::Warehouse> w = ledger::set_mapped(app.db(), args.positionals[0], mapped);
  if (!w.ok()) return fail(w.status());
  print_warehouse(*w);
  return 0;
}

}  // namespace

int run_init(App& app, const Args&) {
  Status s = app.open_for_write("init", /*create=*/true);
  // init is also how an owner checks a data dir: it reads the whole file once.
  if (s.ok()) s = app.check_storage();
  if (!s.ok()) return fail(s);
  // A new data dir, or one made by an older shelfnode, gets its WAL at full size now, so its
  // first scans overwrite it in place instead of growing it.
  app.prepare_wal();
  std::printf("data dir %s is ready (schema %d)\n", app.paths().dir.c_str(),
              store::latest_schema_version());
  return 0;
}

int run_warehouse_add(App& app, const Args& args) {
  // Validate before touching the data dir so a typo never needs the writer lock.
  Status s = ledger::validate_warehouse_name(args.positionals[0]);
  if (s.ok()) s = app.open_for_write("warehouse add");
  if (!s.ok()) return fail(s);
  Result<ledger::Warehouse> w =
      ledger::add_warehouse(app.db(), args.positionals[0], args.has("mapped"), app.clock());
  if (!w.ok()) return fail(w.status());
  print_warehouse(*w);
  return 0;
}

int run_warehouse_map(App& app, const Args& args) {
  return set_mapping(app, args, true);
}
int run_warehouse_unmap(App& app, const Args& args) {
  return set_mapping(app, args, false);
}

int run_warehouse_list(App& app, const Args& args) {
  Status s = app.open_for_read();
  if (!s.ok()) return fail(s);
  Result<std::vector<ledger::Warehouse>> list = ledger::list_warehouses(app.db());
  if (!list.ok()) return fail(list.status());
  if (args.json()) {
    JsonPtr root(cJSON_CreateObject());
    cJSON* arr = cJSON_AddArrayToObject(root.get(), "warehouses");
    for (const auto& w : *list) {
      cJSON* o = cJSON_CreateObject();
      cJSON_AddStringToObject(o, "name", w.name.c_str());
      cJSON_AddBoolToObject(o, "mapped", w.mapped);
      cJSON_AddItemToArray(arr, o);
    }
    std::printf("%s\n", to_json_pretty(root.get()).c_str());
    return 0;
  }
  if (list->empty()) {
    std::printf("no warehouses yet: add one with `shelfnode warehouse add NAME --mapped`\n");
    return 0;
  }
  std::printf("%-32s %s\n", "WAREHOUSE", "MAPPED");
  for (const auto& w : *list) std::printf("%-32s %s\n", w.name.c_str(), w.mapped ? "yes" : "no");
  return 0;
}

}  // namespace shelfnode::cli
