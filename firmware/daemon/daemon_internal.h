#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "daemon/daemon.h"
#include "shelfnode/platform/unique_fd.h"

namespace shelfnode::daemon {

struct Daemon::Asker {
  platform::UniqueFd conn;
  platform::UniqueFd out;
  platform::UniqueFd err;
  std::vector<std::string> args;  // sync's own options
};

struct Daemon::Running {
  pid_t pid = 0;
  RoundSchedule::Work work = RoundSchedule::Work::kNone;
  Instant started;
  std::int64_t started_ms = 0;
  std::unique_ptr<Asker> asker;  // the one who sees this round, if anyone asked
};

// Milliseconds from `now` until `at`, rounded up (poll must not wake just before), capped.
int ms_until(Instant at, Instant now);

}  // namespace shelfnode::daemon
