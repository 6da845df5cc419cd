// The OTA commands as an owner and the unit use them: `ota install`, `ota status --json`,
// `ota boot-check` before each start of the daemon (run from `current`, as the unit runs it),
// `ota mark-good --if-healthy` after it is up, `ota rollback`. The install root is a temp
// folder laid out as the Debian package leaves it: factory (the real binaries, VERSION 1.0.0)
// and `current -> factory`.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "shelfnode/core/json.h"
#include "shelfnode/store/database.h"
#include "shelfnode/store/schema.h"
#include "nginx_server.h"
#include "support/process.h"

namespace shelfnode::testing {
namespace {

bool exists(const std::string& path) {
  return ::access(path.c_str(), F_OK) == 0;
}

class OtaCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = tmp_.file("root");
    data_ = tmp_.file("data");
    keys_ = tmp_.file("keys");
    const std::string bin = shelfnode_bin();
    daemon_bin_ = bin.substr(0, bin.rfind('/')) + "/shelfnoded";
    ASSERT_TRUE(exists(daemon_bin_)) << daemon_bin_;
    for (const std::string& dir : {root_, root_ + "/factory", root_ + "/factory/bin", keys_,
                                   tmp_.file("tree"), tmp_.file("tree/bin")}) {
      ASSERT_EQ(::mkdir(dir.c_str(), 0755), 0) << dir;
    }
    ok({"cp", bin, root_ + "/factory/bin/shelfnode"});
    ok({"cp", daemon_bin_, root_ + "/factory/bin/shelfnoded"});
    write_file(root_ + "/factory/VERSION", "1.0.0\n");
    ASSERT_EQ(::symlink("factory", (root_ + "/current").c_str()), 0);
    // The staged tree a release is built from: the same two programs.
    ok({"cp", bin, tmp_.file("tree/bin/shelfnode")});
    ok({"cp", daemon_bin_, tmp_.file("tree/bin/shelfnoded")});
    ok({"openssl", "ecparam", "-genkey", "-name", "prime256v1", "-noout", "-out",
        tmp_.file("release.key.pem")});
    ok({"openssl", "ec", "-in", tmp_.file("release.key.pem"), "-pubout", "-out",
        keys_ + "/release.pem"});
    ASSERT_EQ(cli({"init"}).exit_code, 0);
  }

  void ok(const std::vector<std::string>& argv) {
    const RunResult r = run(argv);
    ASSERT_EQ(r.exit_code, 0) << argv[0] << ": " << r.err;
  }

  std::map<std::string, std::string> env() const {
    return {{"SHELFNODE_INSTALL_ROOT", root_}, {"SHELFNODE_OTA_KEYS", keys_}};
  }

  // `shelfnode` from the build tree, as an owner would run it (root's CLI).
  RunResult cli(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {shelfnode_bin(), "--data-dir", data_};
    argv.insert(argv.end(), args.begin(), args.end());
    return run(argv, "", env());
  }

  std::string bundle(const std::string& version) {
    const std::string out = tmp_.file("bundle-" + version);
    const RunResult r = run({std::string(SHELFNODE_SOURCE_DIR) + "/tools/ota-bundle.sh", "--tree",
                             tmp_.file("tree"), "--out", out, "--key", tmp_.file("release.key.pem"),
                             "--version", version, "--expires-days", "30"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return out;
  }

  JsonPtr status() {
    const RunResult r = cli({"ota", "status", "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    JsonPtr j = parse_json(r.out);
    EXPECT_TRUE(cJSON_IsObject(j.get())) << r.out;
    return j;
  }

  static std::string field(const cJSON* o, const char* a, const char* b = nullptr) {
    const cJSON* node = cJSON_GetObjectItemCaseSensitive(o, a);
    if (b != nullptr) node = cJSON_GetObjectItemCaseSensitive(node, b);
    if (cJSON_IsString(node)) return node->valuestring;
    if (cJSON_IsNumber(node)) return std::to_string(node->valueint);
    return cJSON_IsNull(node) ? "null" : "<absent>";
  }

  // One start as the unit makes it: the boot check, then the daemon from `current`. A daemon
  // that comes up is stopped with SIGTERM once it has reported itself healthy; returns its
  // exit code.
  int start_service() {
    const RunResult check = run(
        {root_ + "/factory/bin/shelfnode", "--data-dir", data_, "ota", "boot-check"}, "", env());
    EXPECT_EQ(check.exit_code, 0) << check.err;
    last_boot_check_ = check.out;
    ::unlink((data_ + "/ota-health.json").c_str());
    ChildSetup setup;
    setup.stderr_path = tmp_.file("daemon.err");
    std::vector<std::string> argv = {"/usr/bin/env"};
    for (const auto& [k, v] : env()) argv.push_back(k + "=" + v);
    argv.insert(argv.end(), {root_ + "/current/bin/shelfnode", "--data-dir", data_, "daemon"});
    Child daemon(argv, setup);
    for (int i = 0; i < 200; ++i) {
      const int rc = daemon.wait(50);
      if (rc >= 0) return rc;
      JsonPtr report = parse_json(read_file(data_ + "/ota-health.json"));
      if (report && bool_at(report.get(), "ok").value_or(false)) {
        daemon.kill_now(SIGTERM);
        return daemon.wait(10000);
      }
    }
    ADD_FAILURE() << "the daemon neither came up nor exited";
    return -1;
  }

  TempDir tmp_;
  std::string root_, data_, keys_, daemon_bin_;
  std::string last_boot_check_;
};

TEST_F(OtaCliTest, AnUpgradeRunsInTrialIsMarkedGoodAndRaisesTheFloor) {
  RunResult r = cli({"ota", "install", bundle("1.1.0")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("installed 1.1.0 into slot a (was 1.0.0 in factory)"), std::string::npos)
      << r.out;
  JsonPtr s = status();
  EXPECT_EQ(field(s.get(), "current"), "a");
  EXPECT_EQ(field(s.get(), "trial", "slot"), "a");
  EXPECT_EQ(field(s.get(), "trial", "budget_left"), "3");
  EXPECT_EQ(field(s.get(), "floor"), "null");

  EXPECT_EQ(start_service(), 0);
  EXPECT_NE(last_boot_check_.find("start 1 of 3"), std::string::npos) << last_boot_check_;
  EXPECT_TRUE(exists(data_ + "/shelfnode-pre-1.1.0.db"))
      << "a copy of the database is taken before the trial slot opens it";
  r = cli({"ota", "mark-good", "--if-healthy"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("slot a (1.1.0) marked good"), std::string::npos) << r.out;
  s = status();
  EXPECT_EQ(field(s.get(), "trial"), "null");
  EXPECT_EQ(field(s.get(), "floor"), "1.1.0");
  EXPECT_EQ(field(s.get(), "good"), "a");

  // 1.2.0 kept too, then left by hand: the floor stays at 1.2.0, so 1.1.5 is refused.
  ASSERT_EQ(cli({"ota", "install", bundle("1.2.0")}).exit_code, 0);
  ASSERT_EQ(cli({"ota", "mark-good"}).exit_code, 0);
  r = cli({"ota", "rollback"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("rolled back from b to a (1.1.0)"), std::string::npos) << r.out;
  r = cli({"ota", "install", bundle("1.1.5")});
  EXPECT_EQ(r.exit_code, 65) << r.err;
  EXPECT_NE(r.err.find("version_below_floor"), std::string::npos) << r.err;
  s = status();
  EXPECT_EQ(field(s.get(), "current"), "a");
  EXPECT_EQ(field(s.get(), "floor"), "1.2.0");
  EXPECT_EQ(field(s.get(), "last_refusal", "code"), "version_below_floor");
}

TEST_F(OtaCliTest, EachRefusalSaysWhyAndStatusKeepsTheLastOne) {
  const std::string b = bundle("1.1.0");
  // One byte of a program changed after signing.
  std::string bytes = read_file(b + "/bin/shelfnoded");
  bytes[4096] = static_cast<char>(bytes[4096] ^ 0x20);
  write_file(b + "/bin/shelfnoded", bytes);
  RunResult r = cli({"ota", "install", b});
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_NE(r.err.find("bundle refused (hash_mismatch): bin/shelfnoded"), std::string::npos)
      << r.err;
  JsonPtr s = status();
  EXPECT_EQ(field(s.get(), "last_refusal", "code"), "hash_mismatch");
  EXPECT_NE(field(s.get(), "last_refusal", "message").find("bin/shelfnoded"), std::string::npos);
  EXPECT_EQ(field(s.get(), "last_refusal", "source"), b);
  EXPECT_EQ(field(s.get(), "current"), "factory");

  ok({"rm", "-r", keys_});
  r = cli({"ota", "install", bundle("1.1.1")});
  EXPECT_EQ(r.exit_code, 78) << r.err;
  EXPECT_NE(r.err.find("trust_store_unusable"), std::string::npos) << r.err;

  r = cli({"ota", "install", "ftp://updates.example.com/shelfnode/1.2.0/"});
  EXPECT_EQ(r.exit_code, 64);
  EXPECT_NE(r.err.find("give an https:// URL"), std::string::npos) << r.err;
  r = cli({"ota", "install", tmp_.file("bundle.tar.gz")});
  EXPECT_EQ(r.exit_code, 64);
  EXPECT_NE(r.err.find("gunzip it first"), std::string::npos) << r.err;
  r = cli({"ota", "install", tmp_.file("no-such-bundle")});
  EXPECT_EQ(r.exit_code, 64);
  EXPECT_NE(r.err.find("is not a bundle folder, a bundle .tar or an https URL"), std::string::npos)
      << r.err;
}

// The other two sources: the bundle as one tar (a USB stick), and a bundle folder on a static
// HTTPS host (Debian's nginx on 127.0.0.1), whose manifest is checked before any file is
// fetched; a refused one is kept for `ota status`.
TEST_F(OtaCliTest, InstallsFromABundleTarAndFromAnHttpsHost) {
  const std::string tar_out = tmp_.file("usb-1.1.0");
  RunResult r = run({std::string(SHELFNODE_SOURCE_DIR) + "/tools/ota-bundle.sh", "--tree",
                     tmp_.file("tree"), "--out", tar_out, "--key", tmp_.file("release.key.pem"),
                     "--version", "1.1.0", "--expires-days", "30", "--tar"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = cli({"ota", "install", tar_out + ".tar"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("installed 1.1.0 into slot a"), std::string::npos) << r.out;
  ASSERT_EQ(cli({"ota", "mark-good"}).exit_code, 0);

  ota::testing::NginxServer nginx(tmp_.file("nginx"));
  ASSERT_TRUE(nginx.running()) << nginx.error_log();
  ok({"cp", "-R", bundle("1.2.0"), nginx.www() + "/1.2.0"});
  r = cli({"ota", "install", nginx.url("1.2.0/"), "--ca-file", nginx.ca_file()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("installed 1.2.0 into slot b (was 1.1.0 in a)"), std::string::npos) << r.out;
  EXPECT_EQ(read_file(root_ + "/b/bin/shelfnode"), read_file(shelfnode_bin()));
  ASSERT_EQ(cli({"ota", "mark-good"}).exit_code, 0);

  // An older release on the host: refused on its manifest, before its programs are asked for.
  ok({"cp", "-R", bundle("1.1.9"), nginx.www() + "/1.1.9"});
  r = cli({"ota", "install", nginx.url("1.1.9/"), "--ca-file", nginx.ca_file()});
  EXPECT_EQ(r.exit_code, 65) << r.err;
  EXPECT_NE(r.err.find("version_not_newer"), std::string::npos) << r.err;
  for (const ota::testing::AccessLine& line : nginx.access_log()) {
    EXPECT_EQ(line.uri.find("1.1.9/bin/"), std::string::npos) << line.uri;
  }
  JsonPtr s = status();
  EXPECT_EQ(field(s.get(), "last_refusal", "source"), nginx.url("1.1.9/"));
  EXPECT_EQ(field(s.get(), "current"), "b");
}

TEST_F(OtaCliTest, ATrialThatFailsItsHealthCheckIsRolledBackAfterItsBudget) {
  ASSERT_EQ(cli({"ota", "install", bundle("1.1.0")}).exit_code, 0);
  // What the new slot cannot start with (any slot could not: the point is the trial's end).
  write_file(data_ + "/config.json", "{\"sync\": {\"interval_secs\": 60}}\n");
  for (int start = 1; start <= 3; ++start) {
    SCOPED_TRACE("start " + std::to_string(start));
    EXPECT_EQ(start_service(), 75) << "a trial's failed start is one systemd restarts";
    EXPECT_NE(last_boot_check_.find("start " + std::to_string(start) + " of 3"), std::string::npos)
        << last_boot_check_;
  }
  // The fourth start: the budget is spent, the factory slot runs (and, outside a trial, the
  // same bad config is the 78 that systemd does not retry).
  EXPECT_EQ(start_service(), 78);
  EXPECT_NE(last_boot_check_.find("rolled back from slot a to factory"), std::string::npos)
      << last_boot_check_;
  JsonPtr s = status();
  EXPECT_EQ(field(s.get(), "current"), "factory");
  EXPECT_EQ(field(s.get(), "trial"), "null");
  EXPECT_EQ(field(s.get(), "last_rollback", "from"), "a");
  const std::string reason = field(s.get(), "last_rollback", "reason");
  EXPECT_NE(reason.find("slot a (1.1.0) started 3 times without passing its health check"),
            std::string::npos)
      << reason;
  EXPECT_NE(reason.find("interval_secs"), std::string::npos)
      << "the daemon's own reason: " << reason;
  EXPECT_EQ(field(s.get(), "floor"), "null");
}

// The database across a trial: the trial slot's daemon copies it before it opens it; the
// trial migrates it to a schema the old slot cannot read (made here by raising its
// user_version: this build has no newer schema to migrate to); after the rollback the old
// slot's daemon restores the copy and replays the scans made during the trial into it.
TEST_F(OtaCliTest, ARollbackKeepsTheScansMadeOnTheTrialSlot) {
  write_file(tmp_.file("items.csv"), "sku,name,barcode\nOAK-SHELF,Oak shelf,\nAPRON,Apron,\n");
  ASSERT_EQ(cli({"catalog", "import", tmp_.file("items.csv")}).exit_code, 0);
  ASSERT_EQ(cli({"warehouse", "add", "shop"}).exit_code, 0);
  ASSERT_EQ(cli({"receive", "OAK-SHELF", "5", "--warehouse", "shop"}).exit_code, 0);
  ASSERT_EQ(cli({"ota", "install", bundle("1.1.0")}).exit_code, 0);
  ASSERT_EQ(start_service(), 0);
  ASSERT_TRUE(exists(data_ + "/shelfnode-pre-1.1.0.db"));
  // Scanned while the trial runs, so only in the live database.
  ASSERT_EQ(cli({"receive", "APRON", "2", "--warehouse", "shop"}).exit_code, 0);
  {
    auto db = store::Database::open(data_ + "/shelfnode.db", store::OpenMode::kReadWrite);
    ASSERT_TRUE(db.ok()) << db.status().message();
    const std::string sql =
        "PRAGMA user_version=" + std::to_string(store::latest_schema_version() + 1);
    ASSERT_TRUE((*db)->exec(sql.c_str()).ok());
  }
  RunResult r = cli({"stock"});
  ASSERT_EQ(r.exit_code, 78) << "the old build refuses the newer schema";
  EXPECT_NE(r.err.find("newer shelfnode"), std::string::npos) << r.err;

  ASSERT_EQ(cli({"ota", "rollback"}).exit_code, 0);
  EXPECT_EQ(start_service(), 0) << read_file(tmp_.file("daemon.err"));
  r = cli({"stock", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("OAK-SHELF"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("APRON"), std::string::npos) << "the trial's scan is kept: " << r.out;
  r = cli({"history", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  JsonPtr history = parse_json(r.out);
  const cJSON* movements = cJSON_IsArray(history.get())
                               ? history.get()
                               : cJSON_GetObjectItemCaseSensitive(history.get(), "movements");
  EXPECT_EQ(cJSON_GetArraySize(movements), 2) << r.out;
  const RunResult kept =
      run({"sh", "-c", "ls " + data_ + " | grep -c 'shelfnode.db.damaged-[0-9]*$'"});
  EXPECT_EQ(kept.out, "1\n") << "the newer database is kept beside the restored one";
}

TEST_F(OtaCliTest, StatusShowsTheHawkbitStateWhenThereIsOne) {
  JsonPtr s = status();
  EXPECT_EQ(field(s.get(), "hawkbit"), "null");
  ASSERT_EQ(::mkdir((root_ + "/ota").c_str(), 0755), 0);
  write_file(root_ + "/ota/hawkbit.json", "{\"controller_id\": \"till-1\", \"last_poll\": \"x\"}");
  s = status();
  EXPECT_EQ(field(s.get(), "hawkbit", "controller_id"), "till-1");
  const RunResult text = cli({"ota", "status"});
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("factory  1.0.0"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("hawkbit: {\"controller_id\":\"till-1\""), std::string::npos) << text.out;
}

}  // namespace
}  // namespace shelfnode::testing
