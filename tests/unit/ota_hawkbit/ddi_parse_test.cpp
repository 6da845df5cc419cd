#include <gtest/gtest.h>

#include <string>

#include "shelfnode/core/json.h"
#include "shelfnode/ota/hawkbit/ddi_messages.h"

namespace shelfnode::ota::hawkbit {
namespace {

const std::string kController = "https://hb.example/DEFAULT/controller/v1/dev-01";
const std::string kSha256(64, 'a');

std::string artifact(const std::string& filename, const std::string& extra = "",
                     const std::string& href = "https://hb.example/a") {
  return R"({"filename": ")" + filename + R"(", "size": 5, "hashes": {"sha1": ")" +
         std::string(40, 'b') + R"(", "md5": ")" + std::string(32, 'c') + R"(", "sha256": ")" +
         kSha256 + R"("}, "_links": {"download": {"href": ")" + href +
         R"("}, "md5sum": {"href": "https://hb.example/a.MD5SUM"}})" + extra + "}";
}

std::string deployment(const std::string& artifacts, const std::string& download = "forced",
                       const std::string& update = "forced", const std::string& extra = "") {
  return R"({"id": "7", "deployment": {"download": ")" + download + R"(", "update": ")" + update +
         R"(", "chunks": [{"part": "os", "version": "1.4.0", "name": "shelfnode", "artifacts": [)" +
         artifacts + "]}]" + extra + R"(}, "actionHistory": {"status": "RUNNING", "messages": []}})";
}

std::string bundle_artifacts() {
  return artifact("manifest.json") + "," + artifact("manifest.json.sig") + "," +
         artifact("bin/shelfnode");
}

void expect_refused(const Status& s, const std::string& needle) {
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Code::kBadData);
  EXPECT_NE(s.message().find(needle), std::string::npos) << s.message();
}

TEST(DdiSleep, ParsesHoursMinutesSecondsAndRefusesOtherShapes) {
  EXPECT_EQ(parse_sleep("00:05:00"), 300);
  EXPECT_EQ(parse_sleep("12:00:01"), 43201);
  EXPECT_EQ(parse_sleep("00:00:00"), 0);
  for (const char* bad : {"5:00", "00:60:00", "00:00:60", "0a:00:00", "00:00:00 ", "-1:00:00"}) {
    EXPECT_FALSE(parse_sleep(bad).has_value()) << bad;
  }
}

TEST(DdiControllerBase, ReadsSleepAndEveryLink) {
  const std::string body = R"({"config": {"polling": {"sleep": "00:00:30"}}, "_links": {
      "deploymentBase": {"href": ")" + kController + R"(/deploymentBase/7?c=-2129030598"},
      "configData": {"href": ")" + kController + R"(/configData"},
      "installedBase": {"href": ")" + kController + R"(/installedBase/6"}}})";
  Result<ControllerBase> base = parse_controller_base(body, kController);
  ASSERT_TRUE(base.ok()) << base.status().message();
  EXPECT_EQ(base->sleep_seconds, 30);
  EXPECT_EQ(action_id_of(base->deployment_base), "7");
  EXPECT_EQ(base->config_data, kController + "/configData");
  EXPECT_TRUE(base->cancel_action.empty());
}

TEST(DdiControllerBase, EmptyBaseMeansNothingToDo) {
  Result<ControllerBase> base = parse_controller_base(R"({"config": {}, "_links": {}})", kController);
  ASSERT_TRUE(base.ok());
  EXPECT_FALSE(base->sleep_seconds.has_value());
  EXPECT_TRUE(base->deployment_base.empty());
}

TEST(DdiControllerBase, RefusesALinkToAnotherPlaceSoTheTokenStaysHome) {
  const std::string body =
      R"({"_links": {"deploymentBase": {"href": "https://evil.example/DEFAULT/controller/v1/dev-01/deploymentBase/7"}}})";
  expect_refused(parse_controller_base(body, kController).status(), "not under " + kController);
  // A prefix that only looks like the controller's (dev-010) is another target.
  const std::string sibling = R"({"_links": {"configData": {"href": ")" + kController +
                              R"(0/configData"}}})";
  expect_refused(parse_controller_base(sibling, kController).status(), "not under");
}

TEST(DdiControllerBase, RefusesUnknownShapesWithTheirName) {
  expect_refused(parse_controller_base(R"({"config": {}, "extra": 1})", kController).status(),
                 "unknown member 'extra'");
  expect_refused(parse_controller_base(R"({"_links": {"reboot": {"href": "x"}}})", kController).status(),
                 "unknown member 'reboot'");
  expect_refused(parse_controller_base(R"({"config": {"polling": {"sleep": 30}}})", kController).status(),
                 "'config.polling.sleep' must be a string");
  expect_refused(parse_controller_base(R"({"config": {"polling": {"sleep": "30s"}}})", kController).status(),
                 "HH:MM:SS");
  expect_refused(parse_controller_base("[1]", kController).status(), "not a JSON object");
  expect_refused(parse_controller_base("{\"config\": ", kController).status(), "not valid JSON");
  const std::string no_id = R"({"_links": {"deploymentBase": {"href": ")" + kController +
                            R"(/deploymentBase/abc"}}})";
  expect_refused(parse_controller_base(no_id, kController).status(), "decimal action id");
}

TEST(DdiDeployment, ReadsTheBundleFilesWithHashesSizesAndLinks) {
  Result<Deployment> d = parse_deployment(deployment(bundle_artifacts(), "attempt", "skip"));
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(d->id, "7");
  EXPECT_EQ(d->download, Handling::kAttempt);
  EXPECT_EQ(d->update, Handling::kSkip);
  EXPECT_EQ(d->version, "1.4.0");
  ASSERT_EQ(d->artifacts.size(), 3u);
  EXPECT_EQ(d->artifacts[2].filename, "bin/shelfnode");
  EXPECT_EQ(d->artifacts[2].size, 5u);
  EXPECT_EQ(d->artifacts[2].sha256, kSha256);
  EXPECT_EQ(d->artifacts[2].sha1, std::string(40, 'b'));
  EXPECT_EQ(d->artifacts[2].download_url, "https://hb.example/a");
}

TEST(DdiDeployment, AClosedMaintenanceWindowHoldsTheUpdate) {
  Result<Deployment> d =
      parse_deployment(deployment(bundle_artifacts(), "forced", "forced",
                                  R"(, "maintenanceWindow": "unavailable")"));
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(d->update, Handling::kSkip);
}

TEST(DdiDeployment, RefusesPlainHttpDownloadsUnlessAllowedForATestServer) {
  const std::string body = deployment(artifact("manifest.json", "", "http://127.0.0.1:1/a") + "," +
                                      artifact("manifest.json.sig"));
  expect_refused(parse_deployment(body).status(), "is not an https:// URL");
  EXPECT_TRUE(parse_deployment(body, true).ok());
}

TEST(DdiDeployment, RefusesWhatShelfnodeCannotCheckOrPlace) {
  expect_refused(parse_deployment(deployment(artifact("../etc/passwd"))).status(),
                 "is not a plain bundle path");
  expect_refused(parse_deployment(deployment(artifact("/abs"))).status(), "plain bundle path");
  expect_refused(parse_deployment(deployment(artifact("bin/shelfnode"))).status(),
                 "lacks manifest.json or manifest.json.sig");
  expect_refused(parse_deployment(deployment("")).status(), "artifacts' is empty");
  expect_refused(parse_deployment(deployment(artifact("manifest.json") + "," + artifact("manifest.json"))).status(),
                 "two artifacts are both named");
  std::string no_sha = artifact("manifest.json");
  const std::string sha_member = ", \"sha256\": \"" + kSha256 + "\"";
  no_sha.replace(no_sha.find(sha_member), sha_member.size(), "");
  expect_refused(parse_deployment(deployment(no_sha)).status(), "hashes.sha256' is missing");
  std::string upper = artifact("manifest.json");
  upper.replace(upper.find(kSha256), 64, std::string(64, 'A'));
  expect_refused(parse_deployment(deployment(upper)).status(), "not 64 lower-case hex");
  expect_refused(parse_deployment(deployment(bundle_artifacts(), "sometimes")).status(),
                 "must be skip, attempt or forced");
  expect_refused(parse_deployment(deployment(artifact("manifest.json", R"(, "colour": "red")"))).status(),
                 "unknown member 'colour'");
}

TEST(DdiDeployment, BoundsSizesAndCounts) {
  std::string huge = artifact("manifest.json");
  huge.replace(huge.find("\"size\": 5"), 9, "\"size\": 4294967297");
  expect_refused(parse_deployment(deployment(huge)).status(), "size");
  std::string negative = artifact("manifest.json");
  negative.replace(negative.find("\"size\": 5"), 9, "\"size\": -1");
  expect_refused(parse_deployment(deployment(negative)).status(), "size");
  std::string many;
  for (int i = 0; i <= static_cast<int>(kMaxArtifacts); ++i) {
    many += (i ? "," : "") + artifact("f" + std::to_string(i));
  }
  expect_refused(parse_deployment(deployment(many)).status(), "at most 256");
}

TEST(DdiDeployment, TakesExactlyOneSoftwareModule) {
  std::string two = deployment(bundle_artifacts());
  const std::string chunk = R"({"part": "os", "version": "1.4.0", "name": "shelfnode", "artifacts": [)" +
                            bundle_artifacts() + "]}";
  two.replace(two.find("\"chunks\": [") + 11, 0, chunk + ",");
  expect_refused(parse_deployment(two).status(), "has 2 software modules");
}

TEST(DdiCancel, ReadsTheStopIdAndRefusesOtherShapes) {
  Result<CancelAction> c = parse_cancel_action(R"({"id": "11", "cancelAction": {"stopId": "7"}})");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->id, "11");
  EXPECT_EQ(c->stop_id, "7");
  expect_refused(parse_cancel_action(R"({"id": "11", "cancelAction": {"stopId": 7}})").status(),
                 "must be a string");
  expect_refused(parse_cancel_action(R"({"id": "11"})").status(), "'cancelAction' must be an object");
  expect_refused(parse_cancel_action(R"({"id": "x", "cancelAction": {"stopId": "7"}})").status(),
                 "decimal action ids");
}

TEST(DdiBodies, FeedbackAndConfigDataHaveTheDocumentedShape) {
  JsonPtr fb = parse_json(feedback_body(Execution::kProceeding, Finished::kNone, {"downloading"},
                                        Progress{1, 3}));
  ASSERT_TRUE(fb);
  const cJSON* status = cJSON_GetObjectItemCaseSensitive(fb.get(), "status");
  EXPECT_EQ(text_at(status, "execution"), "proceeding");
  const cJSON* result = cJSON_GetObjectItemCaseSensitive(status, "result");
  EXPECT_EQ(text_at(result, "finished"), "none");
  const cJSON* progress = cJSON_GetObjectItemCaseSensitive(result, "progress");
  EXPECT_EQ(cJSON_GetObjectItemCaseSensitive(progress, "cnt")->valueint, 1);
  EXPECT_EQ(cJSON_GetObjectItemCaseSensitive(progress, "of")->valueint, 3);
  EXPECT_STREQ(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(status, "details"), 0)->valuestring,
               "downloading");
  EXPECT_EQ(feedback_body(Execution::kClosed, Finished::kFailure, {"bad \"sig\""}),
            R"({"status":{"execution":"closed","result":{"finished":"failure"},"details":["bad \"sig\""]}})");
  EXPECT_EQ(config_data_body({{"version", "1.4.0"}, {"board", "Pi 4"}}),
            R"({"mode":"merge","data":{"version":"1.4.0","board":"Pi 4"}})");
}

}  // namespace
}  // namespace shelfnode::ota::hawkbit
