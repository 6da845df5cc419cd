#pragma once

#include <string>
#include <utility>
#include <vector>

#include "device_cli.h"
#include "emulator_child.h"
#include "notify_listener.h"

namespace shelfnode::bench {

// config.json for the daemon: `scanners` holds one serial scanner, "till", on the
// pseudo-terminal `slave`, booking into the shop in receive mode; each `sync` setting given
// is set (the rest of the file, the wix object `connect` wrote included, is kept).
bool configure_daemon(const std::string& data_dir, const std::string& slave,
                      const std::vector<std::pair<const char*, int>>& sync_settings,
                      std::string& error);

// `connect` to one of the emulator's sites with its key (written to a 0600 file in the
// data dir), then wix.requests_per_minute set to `rpm`.
bool connect_to_emulator(const DeviceCli& device, const EmulatorChild& emu, const char* site,
                         const char* key, int rpm, std::string& error);

// Until the daemon's status shows its start-up sync round and catalog pull both finished
// and nothing running; `summary` says how each ended. `notify` is emptied meanwhile.
bool wait_for_start_up_rounds(const std::string& data_dir, NotifyListener& notify, int timeout_ms,
                              std::string& summary, std::string& error);

// Until the daemon's status shows `work` ("sync", "catalog_pull") running.
bool wait_for_round(const std::string& data_dir, const char* work, NotifyListener& notify,
                    int timeout_ms, std::string& error);

// The SKUs of the emulator's `site` whose quantity Wix tracks (/_emulator/inventory): the ones
// a pulled device manages, so scanning them gives every sync round something to push.
bool tracked_wix_skus(const EmulatorChild& emu, const char* site, std::vector<std::string>& out,
                      std::string& error);

}  // namespace shelfnode::bench
