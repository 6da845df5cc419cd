#pragma once

#include <string>

#include "shelfnode/ota/hawkbit/ddi_messages.h"
#include "shelfnode/ota/hawkbit/hawkbit_state.h"

namespace shelfnode::ota::hawkbit {

// The decisions of one poll, without network or disk, so each is a unit test.

struct DeviceInfo {
  std::string version;  // the installed shelfnode version
  std::string board;    // the board model
};

// "version=1.4.0;board=Raspberry Pi 4": what configData last carried.
std::string config_key(const DeviceInfo& device);

enum class PollStep { kNothing, kCancel, kDeploy };

struct PollPlan {
  // configData is sent when hawkBit links it (it asks for attributes) or when the version or
  // board changed since the last one it accepted; otherwise once per change, never per poll.
  bool send_config = false;
  PollStep step = PollStep::kNothing;
  std::string href;  // of the cancel or the deployment
};

// A cancel wins over a deployment: hawkBit links cancelAction instead while one is pending.
PollPlan plan_poll(const ControllerBase& base, const HawkbitState& state,
                   const DeviceInfo& device);

enum class DeployStep {
  kResendFinal,     // this action was closed here already: tell hawkBit again
  kWait,            // download=skip (or update=skip with the artifacts already here)
  kDownloadOnly,    // update=skip: fetch and check, install on a later poll
  kInstall,         // fetch (or re-check what is here) and install
};

DeployStep plan_deployment(const Deployment& deployment, const HawkbitState& state);

// What to answer a cancel of `stop_id`: an action not installed yet is dropped (canceled);
// one closed here already is past cancelling (rejected).
enum class CancelAnswer { kCancel, kReject };
CancelAnswer plan_cancel(const std::string& stop_id, const HawkbitState& state);

}  // namespace shelfnode::ota::hawkbit
