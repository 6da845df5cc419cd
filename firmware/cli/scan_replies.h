#pragma once

#include <string>
#include <vector>

#include "shelfnode/core/status.h"
#include "shelfnode/platform/scan_source.h"
#include "shelfnode/session/scan_session.h"

namespace shelfnode::cli {

// One reply per scan of a batch, in order: the session's for the scans (all of them in one
// call, so one commit) and "ERR <why>" for what the source itself refused (a key the layout
// does not know, a garbled frame), worded as the session words its own. `worst` is the
// session's, or bad data when only the source refused something.
std::vector<std::string> reply_to_batch(session::ScanSession& session,
                                        const std::vector<platform::Scan>& batch, Status& worst);

}  // namespace shelfnode::cli
