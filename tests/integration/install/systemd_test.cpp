// The installed unit passes `systemd-analyze verify` and keeps the hardening it was written
// with; the sysusers.d and tmpfiles.d entries do what the unit expects of them. Each runs the
// real systemd tools of the machine (Debian 12: systemd 252) on the DESTDIR copy; none needs
// a running systemd.

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <string>

#include "integration/install/installed_tree.h"

namespace shelfnode::testing::install {
namespace {

constexpr const char* kUnit = "/usr/lib/systemd/system/shelfnode.service";

class InstalledUnit : public ::testing::Test {
 protected:
  void SetUp() override {
    installed_ = install_into_destdir("/usr");
    ASSERT_EQ(installed_->result.exit_code, 0) << installed_->result.out << installed_->result.err;
    unit_text_ = read_file(installed_->at(kUnit));
    ASSERT_FALSE(unit_text_.empty());
  }

  // The unit as systemd would read it once installed, but with ExecStart naming the DESTDIR
  // copy of the binary: `verify` checks that the program exists, and `--root=DESTDIR` would
  // look there for everything else too (/bin/kill, sysinit.target), which a DESTDIR lacks.
  // The file keeps its name: systemd takes the unit's name from it.
  std::string unit_for_tools() {
    std::string text = unit_text_;
    const std::string from = "ExecStart=/usr/bin/shelfnode ";
    const std::size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos);
    if (at != std::string::npos) {
      text.replace(at, from.size(), "ExecStart=" + installed_->at("/usr/bin/shelfnode") + " ");
    }
    const std::string path = tools_dir_.file("shelfnode.service");
    write_file(path, text);
    return path;
  }

  std::unique_ptr<Installed> installed_;
  std::string unit_text_;
  TempDir tools_dir_;
};

bool has(const std::vector<std::string>& settings, const std::string& line) {
  return std::find(settings.begin(), settings.end(), line) != settings.end();
}

bool sets(const std::vector<std::string>& settings, const std::string& key) {
  return std::any_of(settings.begin(), settings.end(),
                     [&](const std::string& s) { return s.rfind(key + "=", 0) == 0; });
}

TEST_F(InstalledUnit, SystemdAnalyzeVerifyPasses) {
  const std::string tool = find_program("systemd-analyze");
  if (tool.empty()) GTEST_SKIP() << "systemd-analyze is not installed (Debian package systemd)";
  const RunResult r = run({tool, "verify", "--man=no", unit_for_tools()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  // verify can exit 0 and still warn (an unknown key is "ignoring"): any line naming our
  // unit fails the test. Lines about other units on this machine are not ours to judge.
  for (const std::string& line : lines_of(r.out + r.err)) {
    EXPECT_EQ(line.find("shelfnode"), std::string::npos) << line;
  }
}

TEST_F(InstalledUnit, SystemdAnalyzeSecurityRatesItExposureAtMostTwo) {
  const std::string tool = find_program("systemd-analyze");
  if (tool.empty()) GTEST_SKIP() << "systemd-analyze is not installed (Debian package systemd)";
  // --threshold is in tenths: 20 is an exposure of 2.0 ("OK"; 1.4 when this was written).
  const RunResult r =
      run({tool, "security", "--offline=yes", "--threshold=20", "--no-pager", unit_for_tools()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

// The unit of an OTA install root's factory tree (the boot check before the daemon, mark-good
// after it) passes `verify` too, with its programs named in the DESTDIR, and keeps its rating.
TEST(InstalledFactoryUnit, SystemdAnalyzeVerifyAndSecurityPass) {
  const std::string tool = find_program("systemd-analyze");
  if (tool.empty()) GTEST_SKIP() << "systemd-analyze is not installed (Debian package systemd)";
  auto installed = install_into_destdir("/opt/shelfnode/factory");
  ASSERT_EQ(installed->result.exit_code, 0) << installed->result.err;
  std::string text =
      read_file(installed->at("/opt/shelfnode/factory/lib/systemd/system/shelfnode.service"));
  const std::string program = installed->at("/opt/shelfnode/factory/bin/shelfnode");
  for (const std::string from :
       {"/opt/shelfnode/factory/bin/shelfnode", "/opt/shelfnode/current/bin/shelfnode"}) {
    int replaced = 0;
    for (std::size_t at = text.find(from + " "); at != std::string::npos;
         at = text.find(from + " ", at + program.size())) {
      text.replace(at, from.size(), program);
      ++replaced;
    }
    EXPECT_GT(replaced, 0) << from;
  }
  TempDir dir;
  write_file(dir.file("shelfnode.service"), text);
  RunResult r = run({tool, "verify", "--man=no", dir.file("shelfnode.service")});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  for (const std::string& line : lines_of(r.out + r.err)) {
    EXPECT_EQ(line.find("shelfnode"), std::string::npos) << line;
  }
  r = run({tool, "security", "--offline=yes", "--threshold=20", "--no-pager",
           dir.file("shelfnode.service")});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

TEST_F(InstalledUnit, KeepsTheDaemonsContractAndItsHardening) {
  const std::vector<std::string> s = unit_settings(unit_text_);
  for (const char* line : {"Type=notify",
                           "NotifyAccess=main",
                           "WatchdogSec=30s",
                           "Restart=on-failure",
                           "ExecReload=/bin/kill -HUP $MAINPID",
                           "User=shelfnode",
                           "Group=shelfnode",
                           "StateDirectory=shelfnode",
                           "StateDirectoryMode=0700",
                           "ReadWritePaths=/var/lib/shelfnode",
                           "UMask=0077",
                           "NoNewPrivileges=yes",
                           "CapabilityBoundingSet=",
                           "ProtectSystem=strict",
                           "ProtectHome=yes",
                           "PrivateTmp=yes",
                           "DevicePolicy=closed",
                           "DeviceAllow=char-input r",
                           "DeviceAllow=char-ttyACM rw",
                           "DeviceAllow=char-ttyUSB rw",
                           "DeviceAllow=char-gpiochip rw",
                           "ProtectKernelTunables=yes",
                           "ProtectKernelModules=yes",
                           "ProtectControlGroups=yes",
                           "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6",
                           "LockPersonality=yes",
                           "MemoryDenyWriteExecute=yes",
                           "RestrictRealtime=yes",
                           "RestrictSUIDSGID=yes",
                           "SystemCallArchitectures=native"}) {
    EXPECT_TRUE(has(s, line)) << "the unit lost: " << line;
  }
  // PrivateDevices= would hide the scanners; groups would give every keyboard and serial
  // port (the udev rule gives the scanners alone).
  for (const char* key : {"PrivateDevices", "SupplementaryGroups", "DynamicUser"}) {
    EXPECT_FALSE(sets(s, key)) << key << "= is set";
  }
}

TEST_F(InstalledUnit, SysusersMakesAUserInNoOtherGroup) {
  const std::string tool = find_program("systemd-sysusers");
  if (tool.empty()) GTEST_SKIP() << "systemd-sysusers is not installed (Debian package systemd)";
  // --root: users go to DESTDIR/etc/passwd and group, from DESTDIR's sysusers.d alone.
  const RunResult r = run({tool, "--root=" + installed_->destdir.path()});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;

  const std::vector<std::string> passwd = lines_of(read_file(installed_->at("/etc/passwd")));
  ASSERT_EQ(passwd.size(), 1u) << read_file(installed_->at("/etc/passwd"));
  // name:x:uid:gid:gecos:home:shell, a system user (uid below 1000) that cannot log in.
  const std::string& user = passwd[0];
  EXPECT_EQ(user.rfind("shelfnode:x:", 0), 0u) << user;
  EXPECT_NE(user.find(":/var/lib/shelfnode:/usr/sbin/nologin"), std::string::npos) << user;
  EXPECT_LT(std::stoi(user.substr(std::string("shelfnode:x:").size())), 1000) << user;

  const std::vector<std::string> groups = lines_of(read_file(installed_->at("/etc/group")));
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].rfind("shelfnode:x:", 0), 0u) << groups[0];
  EXPECT_EQ(groups[0].back(), ':') << "the group lists members: " << groups[0];
}

TEST_F(InstalledUnit, TmpfilesGivesTheDataDirToTheUser) {
  const std::string sysusers = find_program("systemd-sysusers");
  const std::string tmpfiles = find_program("systemd-tmpfiles");
  if (sysusers.empty() || tmpfiles.empty()) {
    GTEST_SKIP()
        << "systemd-sysusers or systemd-tmpfiles is not installed (Debian package systemd)";
  }
  const std::string root = "--root=" + installed_->destdir.path();
  ASSERT_EQ(run({sysusers, root}).exit_code, 0);
  const RunResult r = run({tmpfiles, root, "--create"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;

  const std::string user = lines_of(read_file(installed_->at("/etc/passwd"))).at(0);
  const uid_t uid = static_cast<uid_t>(std::stoul(user.substr(std::string("shelfnode:x:").size())));
  struct stat st {};
  ASSERT_EQ(stat(installed_->at("/var/lib/shelfnode").c_str(), &st), 0);
  EXPECT_EQ(st.st_uid, uid);
  EXPECT_EQ(st.st_mode & 07777, 0700u);
}

}  // namespace
}  // namespace shelfnode::testing::install
