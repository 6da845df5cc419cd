#pragma once

#include <string>

#include "shelfnode/core/result.h"

namespace shelfnode::store {

// Where a device keeps its state. One directory: the ledger database, config.json, the
// credentials file and the writer lock.
struct DataDirPaths {
  std::string dir;
  std::string database() const { return dir + "/shelfnode.db"; }
  std::string config() const { return dir + "/config.json"; }
  std::string api_key() const { return dir + "/wix-api-key"; }
  std::string lock() const { return dir + "/shelfnode.lock"; }
  // Present while the database is known to be damaged: it says why, and every command refuses
  // to use the database until `restore` replaces it.
  std::string damaged() const { return dir + "/shelfnode.damaged"; }
  // The last good copy of the database (`shelfnode backup`, and after sync rounds).
  std::string default_backup() const { return dir + "/shelfnode-backup.db"; }
};

// Creates the directory (mode 0700: it will hold credentials) if it does not exist.
Status ensure_data_dir(const DataDirPaths& paths);

}  // namespace shelfnode::store
