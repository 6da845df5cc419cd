#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "shelfnode/platform/scan_source.h"

namespace shelfnode::platform {

// One log line for each refusal in `scans` from index `from` on (scans themselves are logged
// by the session that commits them; keys never are).
void log_refusals(std::string_view scanner, const std::vector<Scan>& scans, std::size_t from);

// Whether an open() failure means the device is just not there (yet): wait for it.
bool device_absent(int err);

}  // namespace shelfnode::platform
