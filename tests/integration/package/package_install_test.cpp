// The .deb installed, upgraded, removed and purged by dpkg into a throwaway root
// (dpkg_root.h): the maintainer scripts make the user, the data dir, `current -> factory` and
// the database; an upgrade keeps data, an edited config and an OTA slot that is current;
// remove keeps the data, purge removes it. systemd is not running in that root, so nothing
// is started (what the scripts print says so).

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <sstream>
#include <string>

#include "integration/package/built_debs.h"
#include "integration/package/dpkg_root.h"

namespace shelfnode::testing::package {
namespace {

constexpr const char* kData = "/var/lib/shelfnode";
constexpr const char* kUnit = "/lib/systemd/system/shelfnode.service";

class PackageInstall : public ::testing::Test {
 protected:
  void SetUp() override {
    if (geteuid() != 0) GTEST_SKIP() << "dpkg installs files owned by the service's user: needs root";
    for (const char* tool : {"dpkg", "dpkg-deb", "setpriv"}) {
      if (find_program(tool).empty()) GTEST_SKIP() << tool << " is not installed";
    }
    debs_ = built_debs();
    ASSERT_TRUE(is_file(debs_.current)) << debs_.current << ": the fixture test package_build_debs failed";
    ASSERT_TRUE(is_file(debs_.older)) << debs_.older;
  }

  void install(const std::string& deb) {
    const RunResult r = root_.dpkg({"--install", deb});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    last_ = r;
  }

  // The packaged CLI, run as the service's user (as `sudo -u shelfnode shelfnode ...`).
  RunResult shelfnode_as_user(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {root_.at("/opt/shelfnode/current/bin/shelfnode"), "--data-dir",
                                     root_.at(kData)};
    argv.insert(argv.end(), args.begin(), args.end());
    ChildSetup setup;
    setup.user = root_.uid_of("shelfnode");
    return run(argv, "", {}, setup);
  }

  std::string status_of_package() { return root_.dpkg({"--status", "shelfnode"}).out; }

  DpkgRoot root_;
  BuiltDebs debs_;
  RunResult last_;
};

TEST_F(PackageInstall, FirstInstallMakesTheUserTheDataDirCurrentAndTheDatabase) {
  install(debs_.current);
  EXPECT_NE(last_.out.find("systemd is not running here"), std::string::npos) << last_.out;

  const uid_t uid = root_.uid_of("shelfnode");
  ASSERT_NE(uid, static_cast<uid_t>(-1)) << read_file(root_.at("/etc/passwd"));
  EXPECT_LT(uid, 1000u) << "a system user";
  const std::string passwd = read_file(root_.at("/etc/passwd"));
  EXPECT_NE(passwd.find(":/var/lib/shelfnode:/usr/sbin/nologin\n"), std::string::npos) << passwd;
  // In no group but its own: the udev rule, not "input" or "dialout", gives it the scanners.
  const std::string group = read_file(root_.at("/etc/group"));
  std::istringstream groups(group);
  for (std::string line; std::getline(groups, line);) {
    if (line.rfind("shelfnode:", 0) != 0) {
      EXPECT_EQ(line.find("shelfnode"), std::string::npos) << line;
    }
  }
  EXPECT_NE(group.find("shelfnode:x:" + std::to_string(root_.gid_of("shelfnode")) + ":\n"),
            std::string::npos) << group;

  EXPECT_EQ(mode_of(root_.at(kData)), 0700);
  EXPECT_EQ(owner_of(root_.at(kData)), uid);
  const std::string config = root_.at(kData) + "/config.json";
  EXPECT_EQ(mode_of(config), 0600);
  EXPECT_EQ(owner_of(config), uid);
  EXPECT_EQ(read_file(config), read_file(root_.at("/etc/shelfnode/config.json")));
  const std::string db = root_.at(kData) + "/shelfnode.db";
  EXPECT_EQ(owner_of(db), uid);
  EXPECT_EQ(mode_of(db), 0600);

  std::error_code ec;
  EXPECT_EQ(std::filesystem::read_symlink(root_.at("/opt/shelfnode/current"), ec).string(), "factory");
  EXPECT_EQ(std::filesystem::read_symlink(root_.at("/usr/bin/shelfnode"), ec).string(),
            "/opt/shelfnode/current/bin/shelfnode");
  // Enabled for the next boot (deb-systemd-helper), though not started here.
  EXPECT_TRUE(exists(root_.at("/etc/systemd/system/multi-user.target.wants/shelfnode.service")));

  // The default config's scanners book into "shop", made mapped on a first install.
  const RunResult list = shelfnode_as_user({"warehouse", "list"});
  EXPECT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find("shop"), std::string::npos) << list.out;

  const std::string status = status_of_package();
  EXPECT_NE(status.find("Status: install ok installed"), std::string::npos) << status;
  EXPECT_NE(status.find(" /etc/shelfnode/config.json "), std::string::npos) << status;
  EXPECT_NE(status.find(" /etc/shelfnode/shelfnode.env "), std::string::npos) << status;
}

TEST_F(PackageInstall, TheInstalledUnitVerifiesAndRunsThroughCurrent) {
  const std::string analyze = find_program("systemd-analyze");
  if (analyze.empty()) GTEST_SKIP() << "systemd-analyze is not installed (Debian package systemd)";
  install(debs_.current);
  std::string unit = read_file(root_.at(kUnit));
  ASSERT_FALSE(unit.empty());
  EXPECT_NE(unit.find("\nExecStart=/opt/shelfnode/current/bin/shelfnode --data-dir "
                      "${SHELFNODE_DATA_DIR} daemon\n"),
            std::string::npos);
  EXPECT_NE(unit.find("\nExecStartPre=+/opt/shelfnode/factory/bin/shelfnode --data-dir "
                      "${SHELFNODE_DATA_DIR} ota boot-check\n"),
            std::string::npos);
  EXPECT_NE(unit.find("\nExecStartPost=-+/opt/shelfnode/factory/bin/shelfnode --data-dir "
                      "${SHELFNODE_DATA_DIR} ota mark-good --if-healthy\n"),
            std::string::npos);
  EXPECT_NE(unit.find("\nEnvironment=SHELFNODE_INSTALL_ROOT=/opt/shelfnode\n"), std::string::npos);
  EXPECT_LT(unit.find("\nExecStartPre="), unit.find("\nExecStart="));

  // `verify` checks that the programs exist: a copy naming them in this root.
  std::string copy = unit;
  for (std::size_t at = 0; (at = copy.find("/opt/shelfnode/", at)) != std::string::npos;) {
    copy.replace(at, 1, root_.path() + "/");
    at += root_.path().size() + 1;
  }
  TempDir tools;
  write_file(tools.file("shelfnode.service"), copy);
  const RunResult r = run({analyze, "verify", "--man=no", tools.file("shelfnode.service")});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  std::istringstream lines(r.out + r.err);
  for (std::string line; std::getline(lines, line);) {
    EXPECT_EQ(line.find("shelfnode.service"), std::string::npos) << line;
  }
}

// The unit's boot check, run as the unit runs it on the installed tree: the package's own
// VERSION is the installed version, and `current` stays on the factory tree.
TEST_F(PackageInstall, TheBootCheckRunsFromTheFactoryTreeAndKeepsItCurrent) {
  install(debs_.current);
  EXPECT_EQ(read_file(root_.at("/opt/shelfnode/factory/VERSION")), SHELFNODE_VERSION "\n");
  const std::map<std::string, std::string> env = {
      {"SHELFNODE_INSTALL_ROOT", root_.at("/opt/shelfnode")}};
  TempDir data;
  const RunResult r = run({root_.at("/opt/shelfnode/factory/bin/shelfnode"), "--data-dir",
                           data.path(), "ota", "boot-check"}, "", env);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  std::error_code ec;
  EXPECT_EQ(std::filesystem::read_symlink(root_.at("/opt/shelfnode/current"), ec).string(),
            "factory");
  const RunResult status = run({root_.at("/opt/shelfnode/factory/bin/shelfnode"), "--data-dir",
                                data.path(), "ota", "status", "--json"}, "", env);
  EXPECT_EQ(status.exit_code, 0) << status.err;
  EXPECT_NE(status.out.find(SHELFNODE_VERSION), std::string::npos) << status.out;
}

TEST_F(PackageInstall, UpgradeKeepsTheDataAnEditedConfigAndTheOwnersWarehouses) {
  install(debs_.older);
  EXPECT_NE(status_of_package().find("Version: 0.0.1\n"), std::string::npos);
  const std::string data = root_.at(kData);
  write_file(data + "/keep.txt", "the owner's file\n");
  const RunResult added = shelfnode_as_user({"warehouse", "add", "backroom"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  const std::string etc_config = root_.at("/etc/shelfnode/config.json");
  std::string edited = read_file(etc_config);
  const std::size_t at = edited.find("\"interval_seconds\": ");
  ASSERT_NE(at, std::string::npos);
  edited.insert(at + 20, "4");  // 60 -> 460, 120 -> 4120
  write_file(etc_config, edited);
  write_file(data + "/config.json", edited);

  install(debs_.current);
  EXPECT_NE(status_of_package().find("Version: " SHELFNODE_VERSION "\n"), std::string::npos);
  EXPECT_EQ(read_file(data + "/keep.txt"), "the owner's file\n");
  EXPECT_EQ(read_file(etc_config), edited);
  EXPECT_EQ(read_file(data + "/config.json"), edited);
  EXPECT_FALSE(exists(etc_config + ".dpkg-new"));
  const RunResult list = shelfnode_as_user({"warehouse", "list"});
  EXPECT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find("backroom"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("shop"), std::string::npos) << list.out;
}

// An OTA slot that is current stays current across an apt upgrade of the factory tree: the
// package never ships or rewrites `current` (the boot check decides which tree is newer).
TEST_F(PackageInstall, UpgradeLeavesAnOtaSlotCurrent) {
  namespace fs = std::filesystem;
  install(debs_.older);
  const std::string install_root = root_.at("/opt/shelfnode");
  fs::create_directories(install_root + "/a/bin");
  for (const char* binary : {"shelfnode", "shelfnoded"}) {
    fs::copy_file(install_root + "/factory/bin/" + binary, install_root + "/a/bin/" + binary);
  }
  fs::create_symlink("a", install_root + "/current.new");
  fs::rename(install_root + "/current.new", install_root + "/current");

  install(debs_.current);
  EXPECT_EQ(fs::read_symlink(install_root + "/current").string(), "a");
  EXPECT_TRUE(exists(install_root + "/a/bin/shelfnode"));
}

TEST_F(PackageInstall, RemoveKeepsTheDataAndPurgeRemovesIt) {
  install(debs_.current);
  const std::string data = root_.at(kData);
  write_file(data + "/keep.txt", "the owner's file\n");

  RunResult r = root_.dpkg({"--remove", "shelfnode"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(read_file(data + "/keep.txt"), "the owner's file\n");
  EXPECT_TRUE(exists(data + "/shelfnode.db"));
  EXPECT_TRUE(exists(root_.at("/etc/shelfnode/config.json")));
  EXPECT_FALSE(exists(root_.at("/opt/shelfnode/factory/bin/shelfnode")));
  EXPECT_FALSE(exists(root_.at("/usr/bin/shelfnode")));
  EXPECT_FALSE(exists(root_.at(kUnit)));
  EXPECT_NE(status_of_package().find("Status: deinstall ok config-files"), std::string::npos);

  r = root_.dpkg({"--purge", "shelfnode"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("purge removes"), std::string::npos) << r.out;
  EXPECT_FALSE(exists(data));
  EXPECT_FALSE(exists(root_.at("/etc/shelfnode")));
  EXPECT_FALSE(exists(root_.at("/opt/shelfnode")));
  EXPECT_FALSE(exists(root_.at("/etc/systemd/system/multi-user.target.wants/shelfnode.service")));
  EXPECT_NE(root_.dpkg({"--status", "shelfnode"}).exit_code, 0) << "still known to dpkg";
}

}  // namespace
}  // namespace shelfnode::testing::package
