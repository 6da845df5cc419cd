#pragma once

#include <optional>
#include <string>

#include "shelfnode/core/result.h"
#include "shelfnode/store/database.h"

namespace shelfnode::store {

// The `meta` table: small named facts the device keeps (the Wix catalog version, sync
// cursors, times of the last pull and sync). Writers call these inside their own transaction
// so a fact changes together with the rows it describes.
Result<std::optional<std::string>> get_meta(Database& db, const std::string& key);
Status set_meta(Database& db, const std::string& key, const std::string& value);
Status delete_meta(Database& db, const std::string& key);

}  // namespace shelfnode::store
