#include "shelfnode/ota/hawkbit/poll_plan.h"

namespace shelfnode::ota::hawkbit {

std::string config_key(const DeviceInfo& device) {
  return "version=" + device.version + ";board=" + device.board;
}

PollPlan plan_poll(const ControllerBase& base, const HawkbitState& state,
                   const DeviceInfo& device) {
  PollPlan plan;
  plan.send_config = !base.config_data.empty() || state.config_sent_for != config_key(device);
  if (!base.cancel_action.empty()) {
    plan.step = PollStep::kCancel;
    plan.href = base.cancel_action;
  } else if (!base.deployment_base.empty()) {
    plan.step = PollStep::kDeploy;
    plan.href = base.deployment_base;
  }
  return plan;
}

DeployStep plan_deployment(const Deployment& deployment, const HawkbitState& state) {
  if (deployment.id == state.finished_action_id) return DeployStep::kResendFinal;
  if (deployment.download == Handling::kSkip) return DeployStep::kWait;
  const bool here = state.action_id == deployment.id && state.stage == "downloaded";
  if (deployment.update == Handling::kSkip) return here ? DeployStep::kWait : DeployStep::kDownloadOnly;
  return DeployStep::kInstall;
}

CancelAnswer plan_cancel(const std::string& stop_id, const HawkbitState& state) {
  // Installs run to their end within one poll, so a cancel can only meet an action that is
  // not started, downloaded (update=skip), or already closed.
  if (stop_id == state.finished_action_id && state.finished_result != "canceled") {
    return CancelAnswer::kReject;
  }
  return CancelAnswer::kCancel;
}

}  // namespace shelfnode::ota::hawkbit
