#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "shelfnode/core/result.h"
#include "shelfnode/store/database.h"

namespace shelfnode::store {

// The `meta` table: small named facts the device keeps (the Wix catalog version, sync
// cursors, times of the last pull and sync). Writers call these inside their own transaction
// so a fact changes together with the rows it describes.
Result<std::optional<std::string>> get_meta(Database& db, std::string_view key);
Status set_meta(Database& db, std::string_view key, std::string_view value);
Status delete_meta(Database& db, std::string_view key);

}  // namespace shelfnode::store
