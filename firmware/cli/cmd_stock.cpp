#include <algorithm>
#include <cstdio>

#include "cli/commands.h"
#include "shelfnode/catalog/catalog.h"
#include "shelfnode/core/json.h"
#include "shelfnode/ledger/warehouses.h"

namespace shelfnode::cli {
namespace {

std::string cell(const ledger::SkuStock& item, const ledger::Warehouse& w) {
  for (const auto& level : item.warehouses) {
    if (level.warehouse == w.name) return std::to_string(level.qty);
  }
  return "-";
}

cJSON* to_json(const ledger::SkuStock& item) {
  cJSON* o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "sku", item.sku.c_str());
  cJSON_AddStringToObject(o, "name", item.name.c_str());
  cJSON* arr = cJSON_AddArrayToObject(o, "warehouses");
  for (const auto& level : item.warehouses) {
    cJSON* w = cJSON_CreateObject();
    cJSON_AddStringToObject(w, "name", level.warehouse.c_str());
    cJSON_AddBoolToObject(w, "mapped", level.mapped);
    cJSON_AddNumberToObject(w, "qty", static_cast<double>(level.qty));
    cJSON_AddItemToArray(arr, w);
  }
  cJSON_AddBoolToObject(o, "managed", item.target.managed);
  cJSON_AddNumberToObject(o, "mapped_sum", static_cast<double>(item.target.mapped_sum));
  if (item.target.managed) {
    cJSON_AddNumberToObject(o, "target", static_cast<double>(item.target.target));
  } else {
    cJSON_AddNullToObject(o, "target");
  }
  // What Wix is believed to hold arrives with the sync engine; until then it is unknown.
  cJSON_AddNullToObject(o, "confirmed");
  return o;
}

void print_table(const std::vector<ledger::SkuStock>& items,
                 const std::vector<ledger::Warehouse>& warehouses) {
  std::size_t sku_w = 3, name_w = 4;
  for (const auto& i : items) {
    sku_w = std::max(sku_w, i.sku.size());
    name_w = std::min<std::size_t>(24, std::max(name_w, i.name.size()));
  }
  std::printf("%-*s  %-*s", static_cast<int>(sku_w), "SKU", static_cast<int>(name_w), "NAME");
  for (const auto& w : warehouses) {
    std::printf("  %8s", (w.name + (w.mapped ? "*" : "")).c_str());
  }
  std::printf("  %10s  %6s  %9s\n", "MAPPED_SUM", "TARGET", "CONFIRMED");
  for (const auto& i : items) {
    std::printf("%-*s  %-*.*s", static_cast<int>(sku_w), i.sku.c_str(), static_cast<int>(name_w),
                static_cast<int>(name_w), i.name.c_str());
    for (const auto& w : warehouses) std::printf("  %8s", cell(i, w).c_str());
    const std::string target = i.target.managed ? std::to_string(i.target.target) : "-";
    std::printf("  %10lld  %6s  %9s\n", static_cast<long long>(i.target.mapped_sum), target.c_str(),
                "-");
  }
  std::printf(
      "\n* mapped: counts towards Wix. TARGET = max(0, MAPPED_SUM) is what Wix will show;"
      " '-' = not managed (never moved in a mapped warehouse), Wix is left alone.\n");
}

}  // namespace

int run_stock(App& app, const Args& args) {
  Status s = app.open_for_read();
  if (!s.ok()) return fail(s);
  std::optional<std::string> only;
  std::string name_if_unmoved;
  if (!args.positionals.empty()) {
    Result<catalog::Match> m = catalog::find(app.db(), args.positionals[0]);
    if (!m.ok()) return fail(m.status());
    only = m->sku;
    name_if_unmoved = m->name;
  }
  Result<std::vector<ledger::SkuStock>> items = ledger::stock_report(app.db(), only);
  if (!items.ok()) return fail(items.status());
  if (only && items->empty()) items->push_back(ledger::SkuStock{*only, name_if_unmoved, {}, {}});
  Result<std::vector<ledger::Warehouse>> warehouses = ledger::list_warehouses(app.db());
  if (!warehouses.ok()) return fail(warehouses.status());

  if (args.json()) {
    JsonPtr root(cJSON_CreateObject());
    cJSON* arr = cJSON_AddArrayToObject(root.get(), "skus");
    for (const auto& i : *items) cJSON_AddItemToArray(arr, to_json(i));
    std::printf("%s\n", to_json_pretty(root.get()).c_str());
    return 0;
  }
  if (items->empty()) {
    std::printf("no stock recorded yet: receive, count or scan something first\n");
    return 0;
  }
  print_table(*items, *warehouses);
  return 0;
}

}  // namespace shelfnode::cli
