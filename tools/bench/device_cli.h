#pragma once

#include <map>
#include <string>
#include <vector>

#include "offline_week.h"

namespace shelfnode::bench {

// A data dir driven through the real binary, as an owner or a scanner would; every
// command's stderr is appended to `log`.
struct DeviceCli {
  std::string binary;
  std::string data_dir;
  std::string log;

  // `shelfnode --data-dir D ARGS...` with nothing on stdin: its exit code (-1 when it could
  // not start or ran past `timeout_ms`) and its stdout.
  int run(const std::vector<std::string>& args, int timeout_ms, std::string& out) const;
  // The same, where anything but exit 0 is a failure described in `error`.
  bool step(const std::vector<std::string>& args, int timeout_ms, std::string& error) const;

  // One `scan --warehouse W --mode M` process fed the session's lines in one burst; every
  // reply must be "OK <uuid> " + the expected tail, and the exit status 0.
  bool scan(const ScanSession& session, std::string& error) const;

  // A wix.* setting written into config.json (what `connect` wrote stays).
  bool set_wix_setting(const char* name, int value, std::string& error) const;
};

// One SKU of `stock --json`.
struct StockRow {
  long mapped_sum = 0;
  long target = 0;
  bool managed = false;
  std::string sync;  // in_sync, pending, checking, parked
};

bool read_stock(const DeviceCli& device, std::map<std::string, StockRow>& out, std::string& error);

// Movements in the ledger (`status --json`), -1 with `error` when it cannot be read.
long ledger_movements(const DeviceCli& device, std::string& error);

}  // namespace shelfnode::bench
