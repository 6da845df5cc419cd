// One poll against a scripted controller (fake_ddi.h): the order of the calls, the feedback
// bodies, and what is kept in hawkbit.json.
#include <gtest/gtest.h>

#include <filesystem>

#include "fake_ddi.h"
#include "ota/sha256.h"
#include "shelfnode/core/json.h"
#include "shelfnode/core/logger.h"
#include "shelfnode/ota/hawkbit/ddi_client.h"
#include "support/process.h"

namespace shelfnode::ota::hawkbit {
namespace {

using testing::FakeDdi;
using testing::FakeFetcher;
using testing::FakeInstaller;

const std::string kUrl = "https://hb.example";
const std::string kController = kUrl + "/DEFAULT/controller/v1/dev-01";

std::string sha256_hex(const std::string& bytes) {
  Sha256Digest d{};
  EXPECT_TRUE(sha256_of(bytes, d).ok());
  return to_hex(d);
}

struct File {
  std::string name;
  std::string bytes;
  std::string announced_sha256;  // "" = the true one
};

class PollOnce : public ::testing::Test {
 protected:
  PollOnce() : clock_(1'800'000'000'000) {
    logger().set_level(LogLevel::kOff);  // the feedback lines are asserted on, not read
    context_.endpoint = {kUrl, "DEFAULT", "dev-01", "secret-target-token", false};
    context_.transport = &ddi_;
    context_.fetcher = &fetcher_;
    context_.installer = &installer_;
    context_.clock = &clock_;
    context_.device = {"1.3.0", "test board"};
    context_.work_dir = tmp_.file("hawkbit");
    context_.state_file = tmp_.file("hawkbit.json");
  }

  void base(const std::string& links, const std::string& sleep = "00:00:30") {
    ddi_.answer("GET", kController, 200,
                R"({"config": {"polling": {"sleep": ")" + sleep + R"("}}, "_links": {)" + links + "}}");
  }

  void offer(const std::string& id, const std::vector<File>& files,
             const std::string& update = "forced") {
    base(R"("deploymentBase": {"href": ")" + kController + "/deploymentBase/" + id + R"(?c=1"})");
    std::string artifacts;
    for (const File& f : files) {
      const std::string url = kController + "/softwaremodules/9/artifacts/" + f.name;
      fetcher_.content[url] = f.bytes;
      const std::string sha = f.announced_sha256.empty() ? sha256_hex(f.bytes) : f.announced_sha256;
      artifacts += std::string(artifacts.empty() ? "" : ",") + R"({"filename": ")" + f.name +
                   R"(", "size": )" + std::to_string(f.bytes.size()) + R"(, "hashes": {"sha256": ")" +
                   sha + R"("}, "_links": {"download": {"href": ")" + url + R"("}}})";
    }
    ddi_.answer("GET", kController + "/deploymentBase/" + id + "?c=1", 200,
                R"({"id": ")" + id + R"(", "deployment": {"download": "forced", "update": ")" + update +
                    R"(", "chunks": [{"part": "os", "version": "1.4.0", "name": "shelfnode", "artifacts": [)" +
                    artifacts + "]}]}}");
  }

  static std::vector<File> bundle() {
    return {{"manifest.json", "{\"format\":1}", ""}, {"manifest.json.sig", "sig", ""},
            {"bin/shelfnode", "new binary", ""}};
  }

  // "execution/finished" of each feedback posted for action `id`.
  std::vector<std::string> feedback(const std::string& kind, const std::string& id) const {
    std::vector<std::string> out;
    for (const std::string& body : ddi_.bodies_to("/" + kind + "/" + id + "/feedback")) {
      JsonPtr json = parse_json(body);
      const cJSON* status = cJSON_GetObjectItemCaseSensitive(json.get(), "status");
      out.push_back(text_at(status, "execution") + "/" +
                    text_at(cJSON_GetObjectItemCaseSensitive(status, "result"), "finished"));
    }
    return out;
  }

  std::string last_detail(const std::string& kind, const std::string& id) const {
    const auto bodies = ddi_.bodies_to("/" + kind + "/" + id + "/feedback");
    if (bodies.empty()) return "";
    JsonPtr json = parse_json(bodies.back());
    const cJSON* details = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(json.get(), "status"), "details");
    const cJSON* first = cJSON_GetArrayItem(details, 0);
    return first != nullptr ? first->valuestring : "";
  }

  HawkbitState state() const {
    Result<HawkbitState> s = load_hawkbit_state(context_.state_file);
    EXPECT_TRUE(s.ok()) << s.status().message();
    return s.ok() ? *s : HawkbitState{};
  }

  shelfnode::testing::TempDir tmp_;
  FakeClock clock_;
  FakeDdi ddi_;
  FakeFetcher fetcher_;
  FakeInstaller installer_;
  PollContext context_;
};

TEST_F(PollOnce, EveryCallCarriesTheTargetToken) {
  base("");
  ASSERT_TRUE(poll_once(context_).ok());
  ASSERT_FALSE(ddi_.requests.empty());
  for (const auto& r : ddi_.requests) {
    bool auth = false;
    for (const auto& [name, value] : r.headers) {
      auth = auth || (name == "Authorization" && value == "TargetToken secret-target-token");
    }
    EXPECT_TRUE(auth) << r.method << " " << r.url;
  }
}

TEST_F(PollOnce, ConfigDataIsSentOnceThenOnlyWhenTheVersionChanges) {
  base("");
  Result<PollOutcome> first = poll_once(context_);
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(first->sleep_seconds, 30);
  ASSERT_TRUE(poll_once(context_).ok());
  auto sent = ddi_.bodies_to("/configData");
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0], R"({"mode":"merge","data":{"version":"1.3.0","board":"test board"}})");
  context_.device.version = "1.4.0";
  ASSERT_TRUE(poll_once(context_).ok());
  ASSERT_TRUE(poll_once(context_).ok());
  sent = ddi_.bodies_to("/configData");
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_NE(sent[1].find("\"version\":\"1.4.0\""), std::string::npos);
  EXPECT_EQ(state().config_sent_for, "version=1.4.0;board=test board");
}

TEST_F(PollOnce, ARolloutIsDownloadedCheckedInstalledAndReportedSuccess) {
  offer("7", bundle());
  Result<PollOutcome> out = poll_once(context_);
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_NE(out->summary.find("action 7 installed 1.4.0"), std::string::npos) << out->summary;
  ASSERT_EQ(installer_.installed.size(), 1u);
  EXPECT_EQ(installer_.files_seen[0],
            (std::vector<std::string>{"bin/shelfnode", "manifest.json", "manifest.json.sig"}));
  EXPECT_EQ(feedback("deploymentBase", "7"),
            (std::vector<std::string>{"proceeding/none", "proceeding/none", "closed/success"}));
  const HawkbitState s = state();
  EXPECT_EQ(s.finished_action_id, "7");
  EXPECT_EQ(s.finished_result, "success");
  EXPECT_EQ(s.last_feedback, "deploymentBase 7: closed/success");
  EXPECT_EQ(s.last_feedback_result, "accepted");
  EXPECT_EQ(s.last_poll_ms, 1'800'000'000'000);
  EXPECT_FALSE(std::filesystem::exists(context_.work_dir + "/action-7")) << "artifacts cleaned up";
  // Artifacts on the controller get the token; the fetcher is told hawkBit's hashes.
  ASSERT_EQ(fetcher_.requests.size(), 3u);
  EXPECT_EQ(fetcher_.requests[2].sha256, sha256_hex("new binary"));
  EXPECT_EQ(fetcher_.requests[2].headers.size(), 1u);
}

TEST_F(PollOnce, RefusedConfigDataDoesNotHoldUpARolloutAndIsTriedAgain) {
  ddi_.answer("PUT", kController + "/configData", 400, R"({"message": "no"})");
  offer("16", bundle());
  Result<PollOutcome> out = poll_once(context_);
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_NE(out->summary.find("configData not accepted: hawkBit configData: HTTP 400"),
            std::string::npos)
      << out->summary;
  EXPECT_EQ(installer_.installed.size(), 1u);
  EXPECT_TRUE(state().config_sent_for.empty());
  ASSERT_TRUE(poll_once(context_).ok());
  EXPECT_EQ(ddi_.bodies_to("/configData").size(), 2u);
}

TEST_F(PollOnce, TheSameActionIsNotInstalledAgainAndItsResultIsRepeated) {
  offer("7", bundle());
  ASSERT_TRUE(poll_once(context_).ok());
  // hawkBit lost the closing feedback and offers the action again.
  ASSERT_TRUE(poll_once(context_).ok());
  EXPECT_EQ(installer_.installed.size(), 1u);
  EXPECT_EQ(feedback("deploymentBase", "7").back(), "closed/success");
  EXPECT_EQ(feedback("deploymentBase", "7").size(), 4u);
}

TEST_F(PollOnce, AnInstallerRefusalIsReportedAsFailureWithItsReason) {
  offer("8", bundle());
  installer_.result = bad_data("bundle refused (signature_not_trusted): no trusted key verifies it");
  Result<PollOutcome> out = poll_once(context_);
  ASSERT_TRUE(out.ok()) << "the poll itself worked: " << out.status().message();
  EXPECT_EQ(feedback("deploymentBase", "8").back(), "closed/failure");
  EXPECT_EQ(last_detail("deploymentBase", "8"),
            "bundle refused (signature_not_trusted): no trusted key verifies it");
  EXPECT_EQ(state().finished_result, "failure");
}

TEST_F(PollOnce, AnArtifactNotMatchingHawkbitsHashIsNeverInstalled) {
  std::vector<File> files = bundle();
  files[2].announced_sha256 = std::string(64, '0');
  offer("9", files);
  ASSERT_TRUE(poll_once(context_).ok());
  EXPECT_TRUE(installer_.installed.empty());
  EXPECT_EQ(feedback("deploymentBase", "9").back(), "closed/failure");
  const std::string detail = last_detail("deploymentBase", "9");
  EXPECT_NE(detail.find("artifact bin/shelfnode has SHA-256 " + sha256_hex("new binary") +
                        " where hawkBit announced " + std::string(64, '0')),
            std::string::npos)
      << detail;
}

TEST_F(PollOnce, AnUnreachableArtifactLeavesTheActionOpenForTheNextPoll) {
  offer("10", bundle());
  fetcher_.content.clear();
  Result<PollOutcome> out = poll_once(context_);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), Code::kUnavailable);
  EXPECT_EQ(feedback("deploymentBase", "10"), (std::vector<std::string>{"proceeding/none"}));
  EXPECT_EQ(state().action_id, "10");
  EXPECT_NE(state().last_error.find("no such artifact"), std::string::npos);
}

TEST_F(PollOnce, UpdateSkipDownloadsNowAndInstallsWhenAllowed) {
  offer("11", bundle(), "skip");
  ASSERT_TRUE(poll_once(context_).ok());
  EXPECT_TRUE(installer_.installed.empty());
  EXPECT_EQ(feedback("deploymentBase", "11").back(), "downloaded/none");
  EXPECT_EQ(state().stage, "downloaded");
  ASSERT_TRUE(poll_once(context_).ok());
  EXPECT_EQ(fetcher_.requests.size(), 3u) << "still held: nothing fetched again";
  offer("11", bundle(), "forced");
  ASSERT_TRUE(poll_once(context_).ok());
  EXPECT_EQ(installer_.installed.size(), 1u);
  EXPECT_EQ(fetcher_.requests.size(), 3u) << "the checked files on disk are used";
  EXPECT_EQ(feedback("deploymentBase", "11").back(), "closed/success");
}

TEST_F(PollOnce, ACancelIsConfirmedAndNothingIsInstalled) {
  base(R"("cancelAction": {"href": ")" + kController + R"(/cancelAction/12"})");
  ddi_.answer("GET", kController + "/cancelAction/12", 200,
              R"({"id": "12", "cancelAction": {"stopId": "12"}})");
  Result<PollOutcome> out = poll_once(context_);
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_TRUE(installer_.installed.empty());
  EXPECT_EQ(feedback("cancelAction", "12"), (std::vector<std::string>{"canceled/success"}));
  EXPECT_EQ(state().finished_result, "canceled");
  // A deployment link for it that comes late is not acted on.
  offer("12", bundle());
  ASSERT_TRUE(poll_once(context_).ok());
  EXPECT_TRUE(installer_.installed.empty());
  EXPECT_TRUE(fetcher_.requests.empty());
  EXPECT_TRUE(feedback("deploymentBase", "12").empty()) << "nothing claims it ran";
}

TEST_F(PollOnce, ACancelOfAnInstalledActionIsRejected) {
  offer("13", bundle());
  ASSERT_TRUE(poll_once(context_).ok());
  base(R"("cancelAction": {"href": ")" + kController + R"(/cancelAction/13"})");
  ddi_.answer("GET", kController + "/cancelAction/13", 200,
              R"({"id": "13", "cancelAction": {"stopId": "13"}})");
  ASSERT_TRUE(poll_once(context_).ok());
  EXPECT_EQ(feedback("cancelAction", "13"), (std::vector<std::string>{"rejected/none"}));
}

TEST_F(PollOnce, ABadTokenIsUnauthenticatedWithTheFix) {
  ddi_.answer("GET", kController, 401, "");
  Result<PollOutcome> out = poll_once(context_);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), Code::kUnauthenticated);
  EXPECT_NE(out.status().message().find("ota.hawkbit.token_file"), std::string::npos);
  EXPECT_EQ(out.status().message().find("secret-target-token"), std::string::npos);
  EXPECT_EQ(state().last_error, out.status().message());
}

TEST_F(PollOnce, AnUnknownTargetIsAConfigurationError) {
  Result<PollOutcome> out = poll_once(context_);  // unscripted: 404
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), Code::kConfig);
  EXPECT_NE(out.status().message().find("ota.hawkbit.controller_id"), std::string::npos);
}

TEST_F(PollOnce, AHostileDeploymentIsRefusedAndReportedAsFailure) {
  base(R"("deploymentBase": {"href": ")" + kController + R"(/deploymentBase/14?c=1"})");
  ddi_.answer("GET", kController + "/deploymentBase/14?c=1", 200,
              R"({"id": "14", "deployment": {"download": "forced", "update": "forced", "chunks": "all"}})");
  Result<PollOutcome> out = poll_once(context_);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), Code::kBadData);
  EXPECT_EQ(feedback("deploymentBase", "14"), (std::vector<std::string>{"closed/failure"}));
  EXPECT_NE(last_detail("deploymentBase", "14").find("'deployment.chunks' must be an array"),
            std::string::npos);
  EXPECT_TRUE(fetcher_.requests.empty());
}

TEST_F(PollOnce, AnArtifactOnAnotherHostDoesNotGetTheToken) {
  offer("15", bundle());
  // Rewrite the deployment so the binary comes from a CDN.
  const std::string cdn = "https://cdn.example/bin";
  fetcher_.content[cdn] = "new binary";
  std::string body = R"({"id": "15", "deployment": {"download": "forced", "update": "forced", "chunks": [{"part": "os", "version": "1.4.0", "name": "shelfnode", "artifacts": [)";
  int i = 0;
  for (const File& f : bundle()) {
    const std::string url = f.name == "bin/shelfnode" ? cdn : kController + "/softwaremodules/9/artifacts/" + f.name;
    body += std::string(i++ ? "," : "") + R"({"filename": ")" + f.name + R"(", "size": )" +
            std::to_string(f.bytes.size()) + R"(, "hashes": {"sha256": ")" + sha256_hex(f.bytes) +
            R"("}, "_links": {"download": {"href": ")" + url + R"("}}})";
  }
  ddi_.answer("GET", kController + "/deploymentBase/15?c=1", 200, body + "]}]}}");
  ASSERT_TRUE(poll_once(context_).ok());
  ASSERT_EQ(fetcher_.requests.size(), 3u);
  EXPECT_EQ(fetcher_.requests[2].url, cdn);
  EXPECT_TRUE(fetcher_.requests[2].headers.empty());
  EXPECT_FALSE(fetcher_.requests[0].headers.empty());
}

}  // namespace
}  // namespace shelfnode::ota::hawkbit
