#pragma once

#include <string>
#include <vector>

#include "shelfnode/core/result.h"
#include "shelfnode/platform/unique_fd.h"
#include "shelfnode/store/data_dir.h"

namespace shelfnode::daemon {

// The daemon's control socket, `<data-dir>/shelfnode.sock` (AF_UNIX stream, mode 0600: only
// the data dir's owner, and root, may ask anything). One request per connection, one line:
//
//   status                          answer: one JSON object, one line; then the daemon closes
//   sync [--json] [--reconcile] [--retry-parked]
//                                   sent with two descriptors (SCM_RIGHTS): the asker's
//                                   stdout and stderr, which the round's worker writes to, so
//                                   the asker sees the round exactly as a `sync` of its own.
//                                   answers: "queued", "started PID", "exit CODE", a line each;
//                                   or "refused WHY".
std::string socket_path(const store::DataDirPaths& paths);

constexpr std::size_t kMaxRequest = 256;

// Sends `line` (with '\n' added) and `fds` in one message.
Status send_request(int socket, const std::string& line, const std::vector<int>& fds);
// Reads one request of at most kMaxRequest bytes and the descriptors that came with it
// (owned by the caller from then on). A request must arrive in one message.
Result<std::string> receive_request(int socket, std::vector<platform::UniqueFd>& fds);

// Connects to the daemon's socket (blocking, close-on-exec).
Result<platform::UniqueFd> connect_to_daemon(const store::DataDirPaths& paths);

}  // namespace shelfnode::daemon
