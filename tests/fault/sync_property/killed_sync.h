#pragma once

// What a `sync` process killed with SIGKILL leaves in the emulator: perhaps its last request,
// still sleeping in a latency fault, whose write would land after the next step. The sync
// property test (history_sync.cpp) and the soak (tools/bench/soak_kill9.cpp) both wait for
// the emulator to be done with it before they go on.

#include <cstdint>
#include <map>
#include <string>

#include "support/emulator_admin.h"

namespace shelfnode::sync_property {

struct LatencyFault {
  int remaining = 0;  // calls it will still hit
  int ms = 0;         // its sleep
};

// The latency faults still pending, by fault ID.
std::map<std::string, LatencyFault> pending_latency(testing::EmulatorAdmin& admin);

// Milliseconds since the epoch, the clock the emulator's request log uses.
std::int64_t wall_ms();

// After a kill at `kill_ms` (wall clock): sleeps out any latency fault of `before` that was
// used meanwhile, then waits until no request after `since_request` (or named by a write
// after `since_write`) appears for 20 ms, at most 800 ms.
void settle_after_kill(testing::EmulatorAdmin& admin, std::int64_t kill_ms,
                       const std::map<std::string, LatencyFault>& before,
                       std::int64_t since_request, std::int64_t since_write = 0);

}  // namespace shelfnode::sync_property
