#pragma once

#include <cstdint>
#include <string>

#include "shelfnode/core/result.h"

namespace shelfnode::ota::hawkbit {

// What the client keeps in <install-root>/ota/hawkbit.json between polls (and what
// `ota status` shows). Written atomically after every step, so a power cut leaves the last
// whole state; an action found finished here is never downloaded or installed again.
struct HawkbitState {
  std::int64_t last_poll_ms = 0;   // when the controller base was last asked
  std::int64_t next_poll_ms = 0;   // when the next poll is due
  std::string action_id;           // the action being worked on ("" = none)
  std::string stage;               // downloading, downloaded, installing, finished, canceled
  std::string finished_action_id;  // the last action closed (success, failure or canceled)
  std::string finished_result;     // success, failure, canceled
  std::string finished_detail;     // the detail sent with it (resent if hawkBit asks again)
  std::string last_feedback;       // "deploymentBase 7: proceeding/none"
  std::string last_feedback_result;  // "accepted (200)" or why it was not
  std::string config_sent_for;     // "version=…;board=…" last accepted by configData
  std::string last_error;          // the last poll's error, "" after a good one
};

// A missing file is a fresh state; one that does not parse is kBadData naming the file.
Result<HawkbitState> load_hawkbit_state(const std::string& path);
Status save_hawkbit_state(const std::string& path, const HawkbitState& state);

std::string hawkbit_state_json(const HawkbitState& state);

}  // namespace shelfnode::ota::hawkbit
