#pragma once

#include <string>
#include <vector>

#include "shelfnode/core/result.h"
#include "shelfnode/store/data_dir.h"

namespace shelfnode::cli {

// The PID of the daemon running on this data dir, 0 when none. A worker the daemon started
// (SHELFNODE_DAEMON_PID names its daemon) sees none: its `sync` is the daemon's round.
// Call it before taking any lock of the data dir (store::DataDirLock::holder).
int running_daemon(const store::DataDirPaths& paths);

// `shelfnode sync` while the daemon runs: asks it for a round with these options; the round's
// worker writes to this process's stdout and stderr. The round's exit code.
Result<int> sync_through_daemon(const store::DataDirPaths& paths,
                                const std::vector<std::string>& options);

// The daemon's own account (control_socket.h `status`): one JSON object as text.
Result<std::string> daemon_status(const store::DataDirPaths& paths);

}  // namespace shelfnode::cli
