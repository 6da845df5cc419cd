#include <gtest/gtest.h>

#include "shelfnode/ota/hawkbit/hawkbit_state.h"
#include "support/process.h"

namespace shelfnode::ota::hawkbit {
namespace {

TEST(HawkbitStateFile, RoundTripsEveryField) {
  shelfnode::testing::TempDir tmp;
  HawkbitState s;
  s.last_poll_ms = 1'800'000'000'123;
  s.next_poll_ms = 1'800'000'030'123;
  s.action_id = "7";
  s.stage = "downloading";
  s.finished_action_id = "6";
  s.finished_result = "failure";
  s.finished_detail = "bundle refused (hash_mismatch): \"bin\"";
  s.last_feedback = "deploymentBase 7: proceeding/none";
  s.last_feedback_result = "accepted";
  s.config_sent_for = "version=1.0.0;board=x";
  s.last_error = "";
  ASSERT_TRUE(save_hawkbit_state(tmp.file("hawkbit.json"), s).ok());
  Result<HawkbitState> back = load_hawkbit_state(tmp.file("hawkbit.json"));
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(hawkbit_state_json(*back), hawkbit_state_json(s));
  EXPECT_EQ(back->last_poll_ms, s.last_poll_ms);
  EXPECT_EQ(back->finished_detail, s.finished_detail);
}

TEST(HawkbitStateFile, MissingIsFreshAndGarbageIsNamed) {
  shelfnode::testing::TempDir tmp;
  Result<HawkbitState> fresh = load_hawkbit_state(tmp.file("none.json"));
  ASSERT_TRUE(fresh.ok());
  EXPECT_TRUE(fresh->finished_action_id.empty());
  shelfnode::testing::write_file(tmp.file("bad.json"), "{\"last_poll_ms\": ");
  Result<HawkbitState> bad = load_hawkbit_state(tmp.file("bad.json"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Code::kBadData);
  EXPECT_NE(bad.status().message().find("bad.json"), std::string::npos);
  EXPECT_NE(bad.status().message().find("delete it to start over"), std::string::npos);
}

}  // namespace
}  // namespace shelfnode::ota::hawkbit
