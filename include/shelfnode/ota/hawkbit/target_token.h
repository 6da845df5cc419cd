#pragma once

#include <string>

#include "shelfnode/core/result.h"

namespace shelfnode::ota::hawkbit {

// The target security token from ota.hawkbit.token_file: a regular file that only its owner
// may read (else kPermission naming the chmod), one line, not empty. The token never passes
// through argv or the environment, and no message here contains it.
Result<std::string> read_target_token(const std::string& path);

}  // namespace shelfnode::ota::hawkbit
