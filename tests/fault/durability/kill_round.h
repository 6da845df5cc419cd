#pragma once

// One SIGKILL round of a scan session (kill_plan.h says what it does): `shelfnode scan` as a
// child, the plan's chunks streamed in while a reader thread collects the replies, SIGKILL at
// the plan's moment; then the replies are checked against the lines sent. The durability test
// (kill9_test.cpp) and the soak (tools/bench/soak_kill9.cpp) both run rounds this way.

#include <string>
#include <vector>

#include "fault/durability/fault_env.h"
#include "fault/durability/kill_plan.h"

namespace shelfnode::fault {

struct RoundOutcome {
  std::vector<ScanLine> sent;
  std::vector<std::string> replies;
  int exit_code = -1;  // 128 + SIGKILL when our kill ended it
};

// Runs one round in `data_dir` (a shop made by make_shop) and reaps the process by PID.
RoundOutcome run_round(const std::string& data_dir, const RoundPlan& plan);

// Checks one round's replies against what was sent: reply i answers line i, an OK only for a
// valid line with its SKU and quantity, an ERR only for an invalid one, each UUID once, and
// the process dead by SIGKILL (not exit 75: a dead writer must not leave the data dir
// locked). Adds the acknowledged movements to `acked`. Returns what broke (empty: none).
std::vector<std::string> check_replies(const RoundOutcome& r, bool sell, AckedMovements& acked);

}  // namespace shelfnode::fault
