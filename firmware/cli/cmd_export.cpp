// `export stock|movements`: the ledger for the accountant and for stocktakes, as CSV or JSON,
// written as it is read (one row in memory at a time, whatever the ledger's size).
#include <cstdio>

#include "cli/commands.h"
#include "cli/local_time.h"
#include "cli/movement_view.h"
#include "cli/streamed_json.h"
#include "shelfnode/core/printable.h"
#include "shelfnode/ledger/history.h"
#include "shelfnode/ledger/ledger.h"

namespace shelfnode::cli {
namespace {

cJSON* level_json(const ledger::StockLevel& level) {
  cJSON* o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "sku", export_text(level.sku).c_str());
  cJSON_AddStringToObject(o, "name", export_text(level.name).c_str());
  cJSON_AddStringToObject(o, "warehouse", level.warehouse.c_str());
  cJSON_AddBoolToObject(o, "mapped", level.mapped);
  cJSON_AddNumberToObject(o, "qty", static_cast<double>(level.qty));
  return o;
}

Status export_stock(App& app, bool json) {
  if (json) {
    StreamedArray out(stdout, "stock");
    Status s = ledger::each_stock_level(app.db(), [&](const ledger::StockLevel& level) {
      out.add(level_json(level));
      return Status::Ok();
    });
    return s.ok() ? out.finish() : s;
  }
  std::printf("sku,name,warehouse,mapped,qty\n");
  SHELFNODE_RETURN_IF_ERROR(ledger::each_stock_level(app.db(), [](const ledger::StockLevel& l) {
    std::printf("%s,%s,%s,%d,%lld\n", csv_field(l.sku).c_str(), csv_field(l.name).c_str(),
                csv_field(l.warehouse).c_str(), l.mapped ? 1 : 0, static_cast<long long>(l.qty));
    return Status::Ok();
  }));
  return finish_output(stdout, "the CSV");
}

Status export_movements(App& app, const ledger::MovementFilter& filter, bool json) {
  if (json) {
    StreamedArray out(stdout, "movements");
    Status s = ledger::each_movement(app.db(), filter, [&](const ledger::StoredMovement& m) {
      out.add(movement_json(m));
      return Status::Ok();
    });
    return s.ok() ? out.finish() : s;
  }
  std::printf("%s\n", kMovementCsvHeader);
  SHELFNODE_RETURN_IF_ERROR(
      ledger::each_movement(app.db(), filter, [](const ledger::StoredMovement& m) {
        std::printf("%s\n", movement_csv(m).c_str());
        return Status::Ok();
      }));
  return finish_output(stdout, "the CSV");
}

}  // namespace

int run_export(App& app, const Args& args) {
  const std::string& what = args.positionals[0];
  if (what != "stock" && what != "movements") {
    return fail(usage_error("export '" + printable(what) +
                            "' is not something to export: use `export stock` or `export "
                            "movements`"));
  }
  if (args.has("csv") == args.json()) {
    return fail(usage_error("export needs exactly one of --csv or --json"));
  }
  if (what == "stock" && args.has("since")) {
    return fail(usage_error("--since goes with `export movements`: stock is always as of now"));
  }
  Status s = app.open_for_read();
  if (!s.ok()) return fail(s);
  if (what == "stock") {
    s = export_stock(app, args.json());
  } else {
    ledger::MovementFilter filter;
    filter.newest_first = false;  // an export reads like the ledger: oldest first
    if (args.has("since")) {
      Result<std::string> since = parse_since(args.get("since"), app.clock().now_ms());
      if (!since.ok()) return fail(since.status());
      filter.since = *since;
    }
    s = export_movements(app, filter, args.json());
  }
  return s.ok() ? 0 : fail(s);
}

}  // namespace shelfnode::cli
