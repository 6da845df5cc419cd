#pragma once

#include <string>
#include <string_view>

#include "shelfnode/core/result.h"

namespace shelfnode::wix {

// A Site ID as the owner gave it: the GUID itself, or the dashboard URL it was copied from
// (https://manage.wix.com/dashboard/<guid>/home), from which the GUID is taken.
struct SiteId {
  std::string guid;       // lower case, 36 characters
  bool from_url = false;  // tell the owner which part of the URL was used
};

// Anything else is a kConfig error that shows the two accepted forms.
Result<SiteId> parse_site_id(std::string_view text);

// Reads the API key from a file the owner made. The key must never pass through argv, so
// this is the only way in. Refused (kPermission) when group or others may read the file,
// naming the `chmod 600` that fixes it; refused (kConfig) when empty or more than one line.
// A trailing newline is dropped. Errors never contain the key.
Result<std::string> read_api_key_file(const std::string& path);

// Stores the key as a 0600 file, atomically (temp file, fsync, rename, fsync of the dir), so
// a power cut leaves either the old key or the new one.
Status store_api_key(const std::string& path, std::string_view key);

}  // namespace shelfnode::wix
