#include "cli/commands.h"

namespace shelfnode::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> kCommands = {
      {"init",
       "init",
       "Create the data dir and its database, or migrate an existing one. Safe to "
       "run again.",
       {},
       0,
       0,
       run_init},
      {"warehouse add",
       "warehouse add NAME [--mapped]",
       "Add a local warehouse. --mapped makes it count towards the stock shown in Wix.",
       {{"mapped", false}},
       1,
       1,
       run_warehouse_add},
      {"warehouse map",
       "warehouse map NAME",
       "Count this warehouse towards Wix: Wix shows max(0, sum of mapped warehouses).",
       {},
       1,
       1,
       run_warehouse_map},
      {"warehouse unmap",
       "warehouse unmap NAME",
       "Stop counting this warehouse towards Wix (its stock stays in the ledger).",
       {},
       1,
       1,
       run_warehouse_unmap},
      {"warehouse list",
       "warehouse list [--json]",
       "List warehouses and whether they are mapped.",
       {{"json", false}},
       0,
       0,
       run_warehouse_list},
      {"connect",
       "connect --site-id ID|DASHBOARD_URL --api-key-file FILE [--base-url URL] [--ca-file F] "
       "[--account-id ID] [--json]",
       "Check the Wix site and API key live (catalog version, then one read per permission "
       "the device needs), then store them: the key in a 0600 file in the data dir, the rest "
       "in config.json.",
       {{"site-id", true},
        {"api-key-file", true},
        {"base-url", true},
        {"ca-file", true},
        {"account-id", true},
        {"json", false}},
       0,
       0,
       run_connect},
      {"catalog pull",
       "catalog pull [--progress] [--full] [--json]",
       "Fetch the Wix catalogue (products, variants, SKUs) into the offline cache. Later pulls "
       "fetch only what changed; --full fetches everything again.",
       {{"progress", false}, {"full", false}, {"json", false}},
       0,
       0,
       run_catalog_pull},
      {"catalog import",
       "catalog import FILE.csv",
       "Import sku,name,barcode rows (header required). All rows or none: bad rows are listed "
       "by line number.",
       {},
       1,
       1,
       run_catalog_import},
      {"catalog find",
       "catalog find CODE [--json]",
       "Look a code up offline: SKU, GTIN (any length), GS1 string or Digital Link, or alias.",
       {{"json", false}},
       1,
       1,
       run_catalog_find},
      {"alias add",
       "alias add CODE SKU",
       "Make CODE (a shelf label, a supplier's code) mean SKU in every lookup.",
       {},
       2,
       2,
       run_alias_add},
      {"receive",
       "receive CODE QTY --warehouse W [--yes]",
       "Stock in: add QTY (1-99999) to warehouse W. Past scan.max_quantity (999) it needs "
       "--yes.",
       {{"warehouse", true}, {"yes", false}},
       2,
       2,
       run_receive},
      {"sell",
       "sell CODE QTY --warehouse W [--yes]",
       "Stock out: take QTY (1-99999) from warehouse W. Below zero is allowed and said (sold "
       "before it was booked in). Past scan.max_quantity (999) it needs --yes.",
       {{"warehouse", true}, {"yes", false}},
       2,
       2,
       run_sell},
      {"count",
       "count CODE QTY --warehouse W [--yes]",
       "Stocktake: set the quantity in warehouse W to QTY (0-99999). Past scan.max_quantity "
       "(999) it needs --yes.",
       {{"warehouse", true}, {"yes", false}},
       2,
       2,
       run_count},
      {"move",
       "move CODE QTY --from W --to W [--yes]",
       "Move QTY between warehouses (two movements, one transaction). Past "
       "scan.max_quantity (999) it needs --yes.",
       {{"from", true}, {"to", true}, {"yes", false}},
       2,
       2,
       run_move},
      {"scan",
       "scan --warehouse W --mode sell|receive|count [--source stdin|evdev:PATH|serial:PATH]",
       "Read one code per line (optional *QTY suffix; a GS1 count sets the quantity), from stdin "
       "or a scanner (evdev:PATH[,layout=us|uk|de|fr,suffix=enter|tab|none,gap_ms=N], "
       "serial:PATH[,baud=N,suffix=..,gap_ms=N]). Each scan gets \"OK <uuid> <sku> <qty>\" "
       "once committed, or \"ERR <why>\". Scans already waiting are committed together.",
       {{"warehouse", true}, {"mode", true}, {"source", true}},
       0,
       0,
       run_scan},
      {"history",
       "history [CODE] [--warehouse W] [--since T] [--limit N] [--json]",
       "The ledger's movements, newest first (20 unless --limit N): time, kind, SKU, "
       "warehouse, change, source, id, and the order line or void it belongs to. CODE is "
       "looked up like a scan; --since takes 30m, 12h, 7d, 2026-12-01 or 2026-12-01T09:30 "
       "(local time) or an ISO time with Z.",
       {{"warehouse", true}, {"since", true}, {"limit", true}, {"json", false}},
       0,
       1,
       run_history},
      {"void",
       "void ID [--reason TEXT] | void --last --warehouse W [--reason TEXT] [--json]",
       "Undo a wrong scan or command: a void movement takes its change back out (nothing is "
       "deleted; both stay in the history). Voiding half of a move voids both. --last undoes "
       "the warehouse's newest movement not yet undone. Online orders are not voided here: "
       "cancel or refund them in Wix.",
       {{"last", false}, {"warehouse", true}, {"reason", true}, {"json", false}},
       0,
       1,
       run_void},
      {"export",
       "export stock|movements [--since T] --csv|--json",
       "Write the stock per SKU and warehouse, or the movements (oldest first, --since T), "
       "to stdout for a spreadsheet or the accountant. Written as it is read: any size of "
       "ledger in the memory of one row.",
       {{"csv", false}, {"json", false}, {"since", true}},
       1,
       1,
       run_export},
      {"stock",
       "stock [CODE] [--json]",
       "Per SKU: quantity per warehouse, the mapped sum and the target pushed to Wix.\n"
       "A warehouse marked * is mapped: it counts towards Wix. MAPPED_SUM adds the mapped "
       "warehouses (it may be below zero: sold before it was booked in). TARGET = max(0, "
       "MAPPED_SUM) is what Wix will show; '-' = not managed (never moved in a mapped "
       "warehouse), so Wix is left alone. CONFIRMED is what Wix held at the last sync ('-' = "
       "not read yet). SYNC: unmanaged (not pushed); in_sync; pending (the next sync pushes it); "
       "checking (a write may "
       "or may not have landed: the next sync reads Wix back); parked (Wix refused it or cannot "
       "take it: `shelfnode status` says why).",
       {{"json", false}},
       0,
       1,
       run_stock},
      {"sync",
       "sync [--reconcile] [--retry-parked] [--json]",
       "One round: pull online orders, push stock changes, settle and reconcile. Exit 0 when "
       "Wix matches every mapped SKU, 65 when only parked SKUs are left (they need you, not a "
       "retry), 75 when work is still pending. --reconcile compares "
       "every managed SKU with Wix now; --retry-parked tries again what Wix refused. While "
       "`shelfnode daemon` runs, the daemon runs the round (the next one it starts) and this "
       "prints that round's summary and exits with its code.",
       {{"json", false}, {"reconcile", false}, {"retry-parked", false}},
       0,
       0,
       run_sync},
      {"daemon",
       "daemon",
       "Run unattended: read the scanners in config.json `scanners` (each booked into its "
       "warehouse in its mode, committed before it is acknowledged), sync with Wix a few "
       "seconds after scans settle and every sync.interval_seconds, pull the catalogue every "
       "sync.catalog_interval_seconds. Logs go to stderr (the journal). SIGTERM stops it "
       "(what was scanned is booked first); SIGHUP reloads config.json. One per data dir.",
       {},
       0,
       0,
       run_daemon},
      {"wix call",
       "wix call METHOD PATH [--data JSON]",
       "An authenticated raw call to the connected site, for diagnostics: prints the HTTP "
       "status and the body.",
       {{"data", true}},
       2,
       2,
       run_wix_call},
      {"backup",
       "backup [--to FILE]",
       "Copy the database to the data dir's backup file (or FILE, e.g. on a USB stick), "
       "checked page by page; a damaged database never replaces a good backup. `sync` also "
       "does this hourly when the ledger has changed.",
       {{"to", true}},
       0,
       0,
       run_backup},
      {"restore",
       "restore [--from FILE]",
       "Replace a damaged database with the backup (or FILE). Scans made after the backup "
       "are kept when the damaged file still gives them; the damaged file is kept beside it. "
       "The next sync pulls online orders again and reads Wix back.",
       {{"from", true}},
       0,
       0,
       run_restore},
      {"ota install",
       "ota install SRC [--install-root DIR] [--keys DIR] [--ca-file F]",
       "Check the update bundle SRC (a folder, its .tar, or an https URL of either, fetched "
       "resumably: run it again after a cut; --ca-file for a private CA) (signature, versions, "
       "every file's SHA-256) "
       "against the trusted keys (--keys, $SHELFNODE_OTA_KEYS, /etc/shelfnode/ota-keys), copy "
       "it into the slot not running, and switch `current` to it in trial. A refused bundle "
       "exits 65 and is kept for `ota status`; a missing or bad key folder exits 78.",
       {{"install-root", true}, {"keys", true}, {"ca-file", true}},
       1,
       1,
       run_ota_install},
      {"ota status",
       "ota status [--install-root DIR] [--json]",
       "The slots and their versions, which one runs, the trial and its starts left, the "
       "version floor, the last rollback and refusal, and the hawkBit client's state.",
       {{"install-root", true}, {"json", false}},
       0,
       0,
       run_ota_status},
      {"ota mark-good",
       "ota mark-good [--install-root DIR] [--if-healthy]",
       "Keep the slot in trial: it becomes the good one and the version floor rises to it. "
       "--if-healthy (the unit's ExecStartPost) only when its daemon reported a passed health "
       "check.",
       {{"install-root", true}, {"if-healthy", false}},
       0,
       0,
       run_ota_mark_good},
      {"ota rollback",
       "ota rollback [--install-root DIR]",
       "Switch `current` back: from a slot in trial to the one before it, from a good slot "
       "to the previous good one (or factory). Restart the service to run it.",
       {{"install-root", true}},
       0,
       0,
       run_ota_rollback},
      {"ota boot-check",
       "ota boot-check [--install-root DIR]",
       "Run before the daemon starts (the unit's ExecStartPre, as root): repair `current`, "
       "take one start from a trial's budget or roll it back when it is spent, let a newer "
       "factory tree win. Always exits 0.",
       {{"install-root", true}},
       0,
       0,
       run_ota_boot_check},
      {"status",
       "status [--json]",
       "Data dir, schema, warehouses, catalog, ledger and what will be pushed.",
       {{"json", false}},
       0,
       0,
       run_status},
      {"ota hawkbit",
       "ota hawkbit [--once] [--install-root DIR] [--keys DIR] [--install-command PROG]",
       "Poll the hawkBit server of config.json's ota.hawkbit (DDI API, target token): send the "
       "version and board, download a rollout's bundle, check hawkBit's hashes and our "
       "signature, install it and report success or failure; honour cancels. Runs until "
       "SIGTERM at hawkBit's polling interval; --once polls once. State: "
       "<install-root>/ota/hawkbit.json (default /opt/shelfnode, or $SHELFNODE_INSTALL_ROOT).",
       {{"once", false}, {"install-root", true}, {"keys", true}, {"install-command", true}},
       0,
       0,
       run_ota_hawkbit},
  };
  return kCommands;
}

}  // namespace shelfnode::cli
