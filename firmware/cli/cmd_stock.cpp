#include <algorithm>
#include <cstdio>

#include "cli/commands.h"
#include "cli/table.h"
#include "shelfnode/catalog/catalog.h"
#include "shelfnode/core/json.h"
#include "shelfnode/core/printable.h"
#include "shelfnode/ledger/warehouses.h"
#include "shelfnode/sync/outbox.h"
#include "shelfnode/sync/status.h"

namespace shelfnode::cli {
namespace {

std::string cell(const ledger::SkuStock& item, const ledger::Warehouse& w) {
  for (const auto& level : item.warehouses) {
    if (level.warehouse == w.name) return std::to_string(level.qty);
  }
  return "-";
}

const sync::OutboxRow* find_row(const sync::OutboxRows& rows, const std::string& sku) {
  auto it = rows.find(sku);
  return it == rows.end() ? nullptr : &it->second;
}

std::string state_of(const ledger::SkuStock& item, const sync::OutboxRow* row) {
  return sync::sync_state(item.target.managed, item.target.target, row);
}

cJSON* to_json(const ledger::SkuStock& item, const sync::OutboxRow* side) {
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
  if (side != nullptr && side->confirmed) {
    cJSON_AddNumberToObject(o, "confirmed", static_cast<double>(*side->confirmed));
  } else {
    cJSON_AddNullToObject(o, "confirmed");  // not read from Wix yet
  }
  cJSON_AddStringToObject(o, "sync", state_of(item, side).c_str());
  if (side != nullptr && side->parked()) {
    cJSON_AddStringToObject(o, "parked_reason", side->parked_reason.c_str());
  }
  return o;
}

void print_table(const std::vector<ledger::SkuStock>& items,
                 const std::vector<ledger::Warehouse>& warehouses, const sync::OutboxRows& sides) {
  // SKUs and names are shown escaped (names from Wix are stored as Wix has them).
  std::vector<std::pair<std::string, std::string>> shown;
  std::size_t sku_w = 3, name_w = 4;
  for (const auto& i : items) {
    shown.emplace_back(printable(i.sku), printable(i.name));
    sku_w = std::max(sku_w, columns(shown.back().first));
    name_w = std::min<std::size_t>(24, std::max(name_w, columns(shown.back().second)));
  }
  std::printf("%s  %s", fit("SKU", sku_w).c_str(), fit("NAME", name_w).c_str());
  for (const auto& w : warehouses) {
    std::printf("  %8s", (w.name + (w.mapped ? "*" : "")).c_str());
  }
  std::printf("  %10s  %6s  %9s  %s\n", "MAPPED_SUM", "TARGET", "CONFIRMED", "SYNC");
  for (std::size_t n = 0; n < items.size(); ++n) {
    const ledger::SkuStock& i = items[n];
    std::printf("%s  %s", fit(shown[n].first, sku_w).c_str(), fit(shown[n].second, name_w).c_str());
    for (const auto& w : warehouses) std::printf("  %8s", cell(i, w).c_str());
    const std::string target = i.target.managed ? std::to_string(i.target.target) : "-";
    const sync::OutboxRow* side = find_row(sides, i.sku);
    const std::string confirmed =
        side != nullptr && side->confirmed ? std::to_string(*side->confirmed) : "-";
    std::printf("  %10lld  %6s  %9s  %s\n", static_cast<long long>(i.target.mapped_sum),
                target.c_str(), confirmed.c_str(), state_of(i, side).c_str());
  }
  // One line: a shop that runs `stock` all day reads it every time (`stock --help` says
  // the rest).
  std::printf("\n* = counts towards Wix; TARGET = max(0, MAPPED_SUM) is what Wix will show; "
              "`shelfnode stock --help` explains every column\n");
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

  Result<sync::OutboxRows> sides = sync::load_outbox(app.db());
  if (!sides.ok()) return fail(sides.status());

  if (args.json()) {
    JsonPtr root(cJSON_CreateObject());
    cJSON* arr = cJSON_AddArrayToObject(root.get(), "skus");
    for (const auto& i : *items) cJSON_AddItemToArray(arr, to_json(i, find_row(*sides, i.sku)));
    std::printf("%s\n", to_json_pretty(root.get()).c_str());
    return 0;
  }
  if (items->empty()) {
    std::printf("no stock recorded yet: receive, count or scan something first\n");
    return 0;
  }
  print_table(*items, *warehouses, *sides);
  return 0;
}

}  // namespace shelfnode::cli
