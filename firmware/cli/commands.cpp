#include "cli/commands.h"

namespace shelfnode::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> kCommands = {
      {"init", "init", "Create the data dir and its database, or migrate an existing one. Safe to "
       "run again.", {}, 0, 0, run_init},
      {"warehouse add", "warehouse add NAME [--mapped]",
       "Add a local warehouse. --mapped makes it count towards the stock shown in Wix.",
       {{"mapped", false}}, 1, 1, run_warehouse_add},
      {"warehouse map", "warehouse map NAME",
       "Count this warehouse towards Wix: Wix shows max(0, sum of mapped warehouses).", {}, 1, 1,
       run_warehouse_map},
      {"warehouse unmap", "warehouse unmap NAME",
       "Stop counting this warehouse towards Wix (its stock stays in the ledger).", {}, 1, 1,
       run_warehouse_unmap},
      {"warehouse list", "warehouse list [--json]", "List warehouses and whether they are mapped.",
       {{"json", false}}, 0, 0, run_warehouse_list},
      {"catalog import", "catalog import FILE.csv",
       "Import sku,name,barcode rows (header required). All rows or none: bad rows are listed "
       "by line number.", {}, 1, 1, run_catalog_import},
      {"catalog find", "catalog find CODE [--json]",
       "Look a code up offline: SKU, GTIN (any length), GS1 string or Digital Link, or alias.",
       {{"json", false}}, 1, 1, run_catalog_find},
      {"alias add", "alias add CODE SKU",
       "Make CODE (a shelf label, a supplier's code) mean SKU in every lookup.", {}, 2, 2,
       run_alias_add},
      {"receive", "receive CODE QTY --warehouse W", "Stock in: add QTY (1-99999) to warehouse W.",
       {{"warehouse", true}}, 2, 2, run_receive},
      {"sell", "sell CODE QTY --warehouse W", "Stock out: take QTY (1-99999) from warehouse W.",
       {{"warehouse", true}}, 2, 2, run_sell},
      {"count", "count CODE QTY --warehouse W",
       "Stocktake: set the quantity in warehouse W to QTY (0-99999).", {{"warehouse", true}}, 2, 2,
       run_count},
      {"move", "move CODE QTY --from W --to W",
       "Move QTY between warehouses (two movements, one transaction).",
       {{"from", true}, {"to", true}}, 2, 2, run_move},
      {"scan", "scan --warehouse W --mode sell|receive|count [--source stdin]",
       "Read one code per line (optional *QTY suffix; a GS1 count sets the quantity). Each "
       "line gets \"OK <uuid> <sku> <qty>\" once committed, or \"ERR <why>\". Scans already "
       "waiting are committed together.",
       {{"warehouse", true}, {"mode", true}, {"source", true}}, 0, 0, run_scan},
      {"stock", "stock [CODE] [--json]",
       "Per SKU: quantity per warehouse, the mapped sum and the target pushed to Wix.",
       {{"json", false}}, 0, 1, run_stock},
      {"status", "status [--json]",
       "Data dir, schema, warehouses, catalog, ledger and what will be pushed.",
       {{"json", false}}, 0, 0, run_status},
  };
  return kCommands;
}

}  // namespace shelfnode::cli
