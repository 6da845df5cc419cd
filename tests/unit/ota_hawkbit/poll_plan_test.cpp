#include <gtest/gtest.h>

#include "shelfnode/ota/hawkbit/poll_plan.h"
#include "shelfnode/ota/hawkbit/poll_schedule.h"

namespace shelfnode::ota::hawkbit {
namespace {

const DeviceInfo kDevice{"1.4.0", "Raspberry Pi 4 Model B"};

TEST(PollPlan, ConfigDataGoesOncePerVersionOrBoardChange) {
  ControllerBase base;
  HawkbitState state;
  EXPECT_TRUE(plan_poll(base, state, kDevice).send_config) << "never sent yet";
  state.config_sent_for = config_key(kDevice);
  EXPECT_FALSE(plan_poll(base, state, kDevice).send_config) << "same version: not every poll";
  EXPECT_TRUE(plan_poll(base, state, DeviceInfo{"1.5.0", kDevice.board}).send_config);
  EXPECT_TRUE(plan_poll(base, state, DeviceInfo{kDevice.version, "Other board"}).send_config);
  base.config_data = "https://x/configData";
  EXPECT_TRUE(plan_poll(base, state, kDevice).send_config) << "hawkBit asks for it";
}

TEST(PollPlan, ACancelWinsOverADeployment) {
  ControllerBase base;
  base.deployment_base = "https://x/deploymentBase/7";
  EXPECT_EQ(plan_poll(base, {}, kDevice).step, PollStep::kDeploy);
  base.cancel_action = "https://x/cancelAction/7";
  const PollPlan plan = plan_poll(base, {}, kDevice);
  EXPECT_EQ(plan.step, PollStep::kCancel);
  EXPECT_EQ(plan.href, base.cancel_action);
  EXPECT_EQ(plan_poll(ControllerBase{}, {}, kDevice).step, PollStep::kNothing);
}

Deployment deployment(Handling download, Handling update) {
  Deployment d;
  d.id = "7";
  d.download = download;
  d.update = update;
  return d;
}

TEST(PollPlan, DeploymentFollowsDownloadAndUpdateHandling) {
  HawkbitState state;
  EXPECT_EQ(plan_deployment(deployment(Handling::kForced, Handling::kForced), state), DeployStep::kInstall);
  EXPECT_EQ(plan_deployment(deployment(Handling::kAttempt, Handling::kAttempt), state), DeployStep::kInstall);
  EXPECT_EQ(plan_deployment(deployment(Handling::kSkip, Handling::kForced), state), DeployStep::kWait);
  EXPECT_EQ(plan_deployment(deployment(Handling::kForced, Handling::kSkip), state), DeployStep::kDownloadOnly);
  state.action_id = "7";
  state.stage = "downloaded";
  EXPECT_EQ(plan_deployment(deployment(Handling::kForced, Handling::kSkip), state), DeployStep::kWait)
      << "downloaded already, update still held";
  EXPECT_EQ(plan_deployment(deployment(Handling::kForced, Handling::kForced), state), DeployStep::kInstall);
}

TEST(PollPlan, AnActionClosedHereIsNeverDoneTwice) {
  HawkbitState state;
  state.finished_action_id = "7";
  state.finished_result = "failure";
  EXPECT_EQ(plan_deployment(deployment(Handling::kForced, Handling::kForced), state),
            DeployStep::kResendFinal);
}

TEST(PollPlan, CancelIsRejectedOnlyForAnActionAlreadyInstalledOrFailed) {
  HawkbitState state;
  EXPECT_EQ(plan_cancel("7", state), CancelAnswer::kCancel);
  state.action_id = "7";
  state.stage = "downloaded";
  EXPECT_EQ(plan_cancel("7", state), CancelAnswer::kCancel);
  state.finished_action_id = "7";
  state.finished_result = "success";
  EXPECT_EQ(plan_cancel("7", state), CancelAnswer::kReject);
  state.finished_result = "canceled";
  EXPECT_EQ(plan_cancel("7", state), CancelAnswer::kCancel) << "a repeated cancel is confirmed again";
}

TEST(PollSchedule, ControllerSleepIsBounded) {
  EXPECT_EQ(bounded_sleep_seconds(std::nullopt), kDefaultSleepSeconds);
  EXPECT_EQ(bounded_sleep_seconds(0), 1);
  EXPECT_EQ(bounded_sleep_seconds(30), 30);
  EXPECT_EQ(bounded_sleep_seconds(99 * 3600 + 59 * 60 + 59), 24 * 3600);
}

TEST(PollSchedule, ErrorBackoffGrowsWithJitterWithinItsBounds) {
  EXPECT_EQ(error_backoff_ms(1, 0.0), 1'000) << "floor";
  EXPECT_EQ(error_backoff_ms(1, 0.999999), 4'999);
  EXPECT_EQ(error_backoff_ms(2, 0.5), 5'000);
  EXPECT_EQ(error_backoff_ms(3, 0.5), 10'000);
  EXPECT_EQ(error_backoff_ms(50, 0.5), 300'000) << "cap of 10 minutes";
  EXPECT_LE(error_backoff_ms(50, 1.0), 600'000);
}

}  // namespace
}  // namespace shelfnode::ota::hawkbit
