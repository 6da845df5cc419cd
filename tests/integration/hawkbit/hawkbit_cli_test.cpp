// `shelfnode ota hawkbit` (the real binary) against the loopback DDI test server
// (tools/hawkbit-ddi): a rollout, a cancel, failed installs, the polling interval, a bad
// token. Bundles are made by tools/ota-bundle.sh with keys from the openssl command line.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "ddi_test_server.h"
#include "support/process.h"
#include "support/wix_emulator.h"

namespace shelfnode::testing {
namespace {

namespace fs = std::filesystem;

class HawkbitCli : public ::testing::Test {
 protected:
  void SetUp() override {}

  void start(const std::string& sleep = "00:05:00") {
    const std::string why = server_.start(sleep);
    ASSERT_EQ(why, "");
    ASSERT_EQ(run({"openssl", "ecparam", "-genkey", "-name", "prime256v1", "-noout", "-out",
                   tmp_.file("release.key.pem")}).exit_code, 0);
    ASSERT_EQ(run({"openssl", "ecparam", "-genkey", "-name", "prime256v1", "-noout", "-out",
                   tmp_.file("rogue.key.pem")}).exit_code, 0);
    fs::create_directories(tmp_.file("keys"));
    ASSERT_EQ(run({"openssl", "ec", "-in", tmp_.file("release.key.pem"), "-pubout", "-out",
                   tmp_.file("keys/release.pem")}).exit_code, 0);
    fs::create_directories(tmp_.file("tree/bin"));
    write_file(tmp_.file("tree/bin/shelfnode"), "the new shelfnode binary\n");
    fs::create_directories(data_dir());
    write_token(DdiTestServer::kToken);
    write_file(data_dir() + "/config.json",
               R"({"ota": {"hawkbit": {"url": ")" + server_.url() + R"(", "controller_id": ")" +
                   DdiTestServer::kController + R"(", "token_file": ")" + tmp_.file("token") +
                   R"(", "ca_file": ")" + server_.ca_file() + R"("}}})" + "\n");
    write_file(tmp_.file("install.sh"),
               "#!/bin/sh\n"
               "cp -R \"$1\" '" + tmp_.file("installed") + "'\n");
    chmod(tmp_.file("install.sh").c_str(), 0755);
  }

  void write_token(const std::string& token) {
    write_file(tmp_.file("token"), token + "\n");
    chmod(tmp_.file("token").c_str(), 0600);
  }

  std::string data_dir() const { return tmp_.file("data"); }
  std::string root() const { return tmp_.file("root"); }

  std::string bundle(const std::string& version, const std::string& key = "release") {
    const std::string out = tmp_.file("bundle-" + version + "-" + key);
    RunResult r = run({source_dir() + "/tools/ota-bundle.sh", "--tree", tmp_.file("tree"), "--out",
                       out, "--key", tmp_.file(key + ".key.pem"), "--version", version,
                       "--expires-days", "30"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return out;
  }

  std::vector<std::string> hawkbit_args() const {
    return {"ota", "hawkbit", "--install-root", root(), "--keys", tmp_.file("keys"),
            "--install-command", tmp_.file("install.sh")};
  }

  RunResult once() {
    std::vector<std::string> args = hawkbit_args();
    args.push_back("--once");
    return shelfnode(data_dir(), args);
  }

  std::string saved_state() const { return read_file(root() + "/ota/hawkbit.json"); }

  TempDir tmp_;
  DdiTestServer server_;
};

bool has(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST_F(HawkbitCli, RolloutIsInstalledWithProceedingThenSuccessAndConfigDataSent) {
  start();
  const std::string id = server_.create_action(R"({"dir": ")" + bundle("1.4.0") +
                                               R"(", "version": "1.4.0"})");
  ASSERT_FALSE(id.empty());
  RunResult r = once();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(r.out, "action " + id + " installed 1.4.0")) << r.out;
  EXPECT_EQ(read_file(tmp_.file("installed/bin/shelfnode")), "the new shelfnode binary\n");
  const auto fb = server_.feedback("deploymentBase", id);
  ASSERT_GE(fb.size(), 2u);
  EXPECT_EQ(fb.front(), "proceeding/none");
  EXPECT_EQ(fb.back(), "closed/success");
  EXPECT_EQ(server_.details(id).back(), "installed 1.4.0");
  JsonPtr s = server_.state();
  const cJSON* config = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(s.get(), "config_data"), 0);
  ASSERT_NE(config, nullptr) << "configData sent";
  EXPECT_EQ(text_at(config, "mode"), "merge");
  const cJSON* data = cJSON_GetObjectItemCaseSensitive(config, "data");
  EXPECT_FALSE(text_at(data, "version").empty());
  EXPECT_FALSE(text_at(data, "board").empty());
  EXPECT_TRUE(has(saved_state(), "\"finished_result\":\t\"success\"")) << saved_state();
  EXPECT_TRUE(has(saved_state(), "\"last_feedback\":\t\"deploymentBase " + id + ": closed/success\""));
  // The next poll has nothing to do: the action is closed, and no second install happens.
  fs::remove_all(tmp_.file("installed"));
  RunResult again = once();
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_FALSE(fs::exists(tmp_.file("installed")));
}

// Without --install-command a rollout goes into the A/B slots as `ota install` does: the
// running slot's version (factory 1.0.0 here) is what hawkBit is told and what the bundle is
// checked against, and the new slot runs on trial.
TEST_F(HawkbitCli, RolloutGoesIntoTheInactiveSlotOnTrial) {
  start();
  fs::create_directories(root() + "/factory/bin");
  write_file(root() + "/factory/bin/shelfnode", "the factory binary\n");
  chmod((root() + "/factory/bin/shelfnode").c_str(), 0755);
  write_file(root() + "/factory/VERSION", "1.0.0\n");
  fs::create_directory_symlink("factory", root() + "/current");
  const std::string id = server_.create_action(R"({"dir": ")" + bundle("1.4.0") +
                                               R"(", "version": "1.4.0"})");
  ASSERT_FALSE(id.empty());
  RunResult r = shelfnode(data_dir(), {"ota", "hawkbit", "--install-root", root(), "--keys",
                                       tmp_.file("keys"), "--once"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(fs::read_symlink(root() + "/current").string(), "a");
  EXPECT_EQ(read_file(root() + "/a/bin/shelfnode"), "the new shelfnode binary\n");
  EXPECT_EQ(server_.feedback("deploymentBase", id).back(), "closed/success");
  JsonPtr s = server_.state();
  const cJSON* config = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(s.get(), "config_data"), 0);
  ASSERT_NE(config, nullptr);
  EXPECT_EQ(text_at(cJSON_GetObjectItemCaseSensitive(config, "data"), "version"), "1.0.0");
  RunResult status = shelfnode(data_dir(), {"ota", "status", "--install-root", root(), "--json"});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  EXPECT_TRUE(has(status.out, "\"trial\"")) << status.out;
}

TEST_F(HawkbitCli, CancelIsConfirmedAndNothingIsDownloadedOrInstalled) {
  start();
  const std::string id = server_.create_action(R"({"dir": ")" + bundle("1.4.0") + R"("})");
  ASSERT_TRUE(server_.cancel(id));
  RunResult r = once();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(r.out, "action " + id + " cancelled")) << r.out;
  EXPECT_EQ(server_.feedback("cancelAction", id), (std::vector<std::string>{"canceled/success"}));
  EXPECT_TRUE(server_.feedback("deploymentBase", id).empty());
  EXPECT_FALSE(fs::exists(tmp_.file("installed")));
  for (const std::string& req : server_.requests()) EXPECT_FALSE(has(req, "/artifacts/")) << req;
  EXPECT_TRUE(has(saved_state(), "\"finished_result\":\t\"canceled\""));
}

TEST_F(HawkbitCli, BadSignatureIsReportedAsFailureWithTheRefusal) {
  start();
  const std::string id = server_.create_action(R"({"dir": ")" + bundle("1.4.0", "rogue") + R"("})");
  RunResult r = once();
  ASSERT_EQ(r.exit_code, 0) << "the poll worked; the install did not: " << r.err;
  EXPECT_EQ(server_.feedback("deploymentBase", id).back(), "closed/failure");
  const std::string detail = server_.details(id).back();
  EXPECT_TRUE(has(detail, "bundle refused (signature_not_trusted)")) << detail;
  EXPECT_FALSE(fs::exists(tmp_.file("installed")));
  EXPECT_TRUE(has(saved_state(), "\"finished_result\":\t\"failure\""));
}

TEST_F(HawkbitCli, HashMismatchWithHawkbitsHashesIsReportedAsFailure) {
  start();
  const std::string zeros(64, '0');
  const std::string id = server_.create_action(
      R"({"dir": ")" + bundle("1.4.0") + R"(", "hash_overrides": {"bin/shelfnode": {"sha256": ")" +
      zeros + R"("}}})");
  RunResult r = once();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(server_.feedback("deploymentBase", id).back(), "closed/failure");
  const std::string detail = server_.details(id).back();
  // The resumable download checks hawkBit's SHA-256 as it finishes, and deletes the file.
  EXPECT_TRUE(has(detail, "artifact bin/shelfnode")) << detail;
  EXPECT_TRUE(has(detail, "hash_mismatch")) << detail;
  EXPECT_TRUE(has(detail, "expected " + zeros)) << detail;
  EXPECT_FALSE(fs::exists(tmp_.file("installed")));
}

TEST_F(HawkbitCli, FailingInstallCommandIsReportedWithItsMessage) {
  start();
  write_file(tmp_.file("install.sh"), "#!/bin/sh\necho 'slot b: no space left' >&2\nexit 3\n");
  const std::string id = server_.create_action(R"({"dir": ")" + bundle("1.4.0") + R"("})");
  RunResult r = once();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(server_.feedback("deploymentBase", id).back(), "closed/failure");
  const std::string detail = server_.details(id).back();
  EXPECT_TRUE(has(detail, "exited with 3: slot b: no space left")) << detail;
}

TEST_F(HawkbitCli, PollingIntervalIsHonouredAndSigtermEndsTheLoop) {
  start("00:00:01");
  std::vector<std::string> argv{shelfnode_bin(), "--data-dir", data_dir()};
  for (const std::string& a : hawkbit_args()) argv.push_back(a);
  ChildSetup setup;
  setup.stderr_path = tmp_.file("loop.log");
  auto child = std::make_unique<Child>(argv, setup);
  // Wait for five polls (generous: up to 60 s on a loaded machine).
  std::vector<double> polls;
  for (int i = 0; i < 600 && polls.size() < 5; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    polls.clear();
    JsonPtr s = server_.state();
    const cJSON* p = nullptr;
    cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(s.get(), "polls")) {
      polls.push_back(cJSON_GetObjectItemCaseSensitive(p, "mono")->valuedouble);
    }
  }
  ::kill(child->pid(), SIGTERM);
  EXPECT_EQ(child->wait(20'000), 0) << read_file(tmp_.file("loop.log"));
  ASSERT_GE(polls.size(), 5u) << read_file(tmp_.file("loop.log"));
  // The server's own clock: each poll at least the 1 s sleep after the previous one (minus
  // a little for where in a request each side takes its timestamp), never a busy loop.
  for (std::size_t i = 1; i < polls.size(); ++i) {
    EXPECT_GE(polls[i] - polls[i - 1], 0.9) << "poll " << i;
  }
  EXPECT_TRUE(has(read_file(tmp_.file("loop.log")), "event=ota.hawkbit.stop"));
  EXPECT_TRUE(has(saved_state(), "\"next_poll_ms\""));
}

TEST_F(HawkbitCli, BadTokenIsReportedClearlyAndNeverShown) {
  start();
  write_token("0000wrong0000token");
  RunResult r = once();
  EXPECT_EQ(r.exit_code, 77) << r.err;
  EXPECT_TRUE(has(r.err, "HTTP 401: the target token was refused")) << r.err;
  EXPECT_TRUE(has(r.err, "ota.hawkbit.token_file")) << r.err;
  EXPECT_FALSE(has(r.err + r.out, "0000wrong0000token"));
  EXPECT_FALSE(has(r.err + r.out, DdiTestServer::kToken));
  EXPECT_TRUE(has(saved_state(), "the target token was refused"));
}

TEST_F(HawkbitCli, TokenFileOthersCanReadIsRefusedBeforeAnyCall) {
  start();
  chmod(tmp_.file("token").c_str(), 0644);
  RunResult r = once();
  EXPECT_EQ(r.exit_code, 77) << r.err;
  EXPECT_TRUE(has(r.err, "chmod 600")) << r.err;
  EXPECT_TRUE(server_.requests().empty());
}

TEST_F(HawkbitCli, NoHawkbitConfiguredIsAConfigurationError) {
  start();
  write_file(data_dir() + "/config.json", "{}\n");
  RunResult r = once();
  EXPECT_EQ(r.exit_code, 78);
  EXPECT_TRUE(has(r.err, "set ota.hawkbit.url")) << r.err;
}

// The unit as `cmake --install` would write it for this build, checked by systemd itself.
TEST(HawkbitUnit, SystemdAcceptsItAndRatesItsExposureAtMostTwo) {
  if (run({"sh", "-c", "command -v systemd-analyze"}).exit_code != 0) {
    GTEST_SKIP() << "systemd-analyze is not installed (Debian package systemd)";
  }
  TempDir tmp;
  std::string unit = read_file(source_dir() + "/firmware/systemd/shelfnode-ota.service.in");
  const std::string bin = fs::path(shelfnode_bin()).parent_path().string();
  for (const auto& [from, to] : {std::pair<std::string, std::string>{"@SHELFNODE_BINDIR@", bin},
                                 {"@SHELFNODE_ENV_FILE@", "/etc/shelfnode/shelfnode.env"}}) {
    for (std::size_t at = unit.find(from); at != std::string::npos; at = unit.find(from)) {
      unit.replace(at, from.size(), to);
    }
  }
  EXPECT_TRUE(has(unit, "ExecStart=" + bin + "/shelfnode --data-dir ${SHELFNODE_DATA_DIR} ota hawkbit\n"));
  // Root (it writes the root-owned slots), with one capability: reading the data dir.
  EXPECT_FALSE(has(unit, "\nUser="));
  EXPECT_TRUE(has(unit, "\nCapabilityBoundingSet=CAP_DAC_READ_SEARCH\n"));
  write_file(tmp.file("shelfnode-ota.service"), unit);
  RunResult verify = run({"systemd-analyze", "verify", "--man=no", tmp.file("shelfnode-ota.service")});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  EXPECT_FALSE(has(verify.out + verify.err, "shelfnode-ota")) << verify.out << verify.err;
  RunResult security = run({"systemd-analyze", "security", "--offline=yes", "--threshold=20",
                            "--no-pager", tmp.file("shelfnode-ota.service")});
  EXPECT_EQ(security.exit_code, 0) << security.out << security.err;
}

}  // namespace
}  // namespace shelfnode::testing
