#pragma once

#include <vector>

#include "cli/app.h"
#include "cli/args.h"

namespace shelfnode::cli {

// One CLI command (DESIGN §7). `words` is "init" or a two-word command such as
// "warehouse add". The table in commands.cpp is the single list main() dispatches on.
struct Command {
  const char* words;
  const char* synopsis;  // usage after `shelfnode`
  const char* help;      // what it does, shown by --help
  std::vector<OptionSpec> options;
  int min_positional;
  int max_positional;
  int (*run)(App& app, const Args& args);
};

const std::vector<Command>& commands();

int run_init(App& app, const Args& args);
int run_warehouse_add(App& app, const Args& args);
int run_warehouse_map(App& app, const Args& args);
int run_warehouse_unmap(App& app, const Args& args);
int run_warehouse_list(App& app, const Args& args);
int run_catalog_import(App& app, const Args& args);
int run_catalog_find(App& app, const Args& args);
int run_alias_add(App& app, const Args& args);
int run_receive(App& app, const Args& args);
int run_sell(App& app, const Args& args);
int run_count(App& app, const Args& args);
int run_move(App& app, const Args& args);
int run_scan(App& app, const Args& args);
int run_stock(App& app, const Args& args);
int run_history(App& app, const Args& args);
int run_void(App& app, const Args& args);
int run_export(App& app, const Args& args);
int run_status(App& app, const Args& args);
int run_connect(App& app, const Args& args);
int run_catalog_pull(App& app, const Args& args);
int run_wix_call(App& app, const Args& args);
int run_sync(App& app, const Args& args);
int run_daemon(App& app, const Args& args);
int run_backup(App& app, const Args& args);
int run_restore(App& app, const Args& args);
int run_ota_install(App& app, const Args& args);
int run_ota_status(App& app, const Args& args);
int run_ota_mark_good(App& app, const Args& args);
int run_ota_rollback(App& app, const Args& args);
int run_ota_boot_check(App& app, const Args& args);
int run_ota_hawkbit(App& app, const Args& args);

// A checked backup of the open database to the data dir's backup file (cmd_backup.cpp), when
// the ledger has news since the last one and that one is older than `interval_s`.
Status back_up_if_due(App& app, std::int64_t interval_s);

}  // namespace shelfnode::cli
