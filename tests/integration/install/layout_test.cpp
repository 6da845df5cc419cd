// `cmake --install` puts every file where firmware/README.md ("Install as a service") says,
// with the modes it says, for the prefix given at install time (not the configured one).

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <map>
#include <string>

#include "integration/install/installed_tree.h"

namespace shelfnode::testing::install {
namespace {

constexpr int kProgram = 0755;
constexpr int kData = 0644;

// What `--prefix /usr` installs, below DESTDIR, and the mode of each file.
std::map<std::string, int> expected_under_usr() {
  std::map<std::string, int> files = {
      {"usr/bin/shelfnode", kProgram},
      {"usr/lib/systemd/system/shelfnode.service", kData},
      {"usr/lib/systemd/system/shelfnode-ota.service", kData},
      {"usr/lib/udev/rules.d/70-shelfnode-scanners.rules", kData},
      {"usr/lib/sysusers.d/shelfnode.conf", kData},
      {"usr/lib/tmpfiles.d/shelfnode.conf", kData},
      {"etc/shelfnode/shelfnode.env", kData},
      {"etc/shelfnode/config.example.json", kData},
  };
  if (build_has_daemon()) files["usr/bin/shelfnoded"] = kProgram;
  return files;
}

// The directories those files need, and the empty data dir.
std::set<std::string> expected_tree(const std::map<std::string, int>& files,
                                    const std::set<std::string>& extra_dirs) {
  std::set<std::string> tree = extra_dirs;
  for (const auto& [file, mode] : files) {
    tree.insert(file);
    for (std::size_t slash = file.find('/'); slash != std::string::npos;
         slash = file.find('/', slash + 1)) {
      tree.insert(file.substr(0, slash + 1));
    }
  }
  return tree;
}

std::string setting(const std::string& unit_text, const std::string& key) {
  for (const std::string& line : unit_settings(unit_text)) {
    if (line.rfind(key + "=", 0) == 0) return line.substr(key.size() + 1);
  }
  return "<" + key + " not set>";
}

TEST(InstallLayout, PrefixUsrPutsEveryFileInItsFhsPlace) {
  auto installed = install_into_destdir("/usr");
  ASSERT_EQ(installed->result.exit_code, 0) << installed->result.out << installed->result.err;

  const std::map<std::string, int> files = expected_under_usr();
  EXPECT_EQ(tree_of(installed->destdir.path()),
            expected_tree(files, {"var/", "var/lib/", "var/lib/shelfnode/"}));
  for (const auto& [file, mode] : files) {
    EXPECT_EQ(mode_of(installed->at("/" + file)), mode) << file;
  }
  EXPECT_EQ(mode_of(installed->at("/etc/shelfnode")), 0755);
  // The data dir holds the API key: its owner only, as `shelfnode init` makes it.
  EXPECT_EQ(mode_of(installed->at("/var/lib/shelfnode")), 0700);

  const std::string readme = read_file(SHELFNODE_SOURCE_DIR "/firmware/README.md");
  for (const auto& [file, mode] : files) {
    EXPECT_NE(readme.find("`/" + file + "`"), std::string::npos)
        << "firmware/README.md does not name /" << file;
  }
}

TEST(InstallLayout, UnitNamesTheInstalledBinaryAndEnvironmentFile) {
  auto installed = install_into_destdir("/usr");
  ASSERT_EQ(installed->result.exit_code, 0) << installed->result.err;
  const std::string unit = read_file(installed->at("/usr/lib/systemd/system/shelfnode.service"));
  EXPECT_EQ(unit.find("@SHELFNODE_"), std::string::npos) << "a placeholder was left in the unit";
  EXPECT_EQ(setting(unit, "ExecStart"),
            "/usr/bin/shelfnode --data-dir ${SHELFNODE_DATA_DIR} daemon");
  EXPECT_EQ(setting(unit, "EnvironmentFile"), "-/etc/shelfnode/shelfnode.env");
  EXPECT_NE(read_file(installed->at("/etc/shelfnode/shelfnode.env"))
                .find("\nSHELFNODE_DATA_DIR=/var/lib/shelfnode\n"),
            std::string::npos);
}

// The build under test was configured with another prefix (CMake's default, /usr/local):
// the one given to `cmake --install` decides, /etc's place included.
TEST(InstallLayout, PrefixUsrLocalKeepsEverythingUnderIt) {
  auto installed = install_into_destdir("/usr/local");
  ASSERT_EQ(installed->result.exit_code, 0) << installed->result.err;

  std::map<std::string, int> files;
  for (const auto& [file, mode] : expected_under_usr()) {
    const std::string under = file.rfind("usr/", 0) == 0 ? file.substr(4) : file;
    files["usr/local/" + under] = mode;
  }
  // No /var/lib/shelfnode outside the prefix: systemd makes it (tmpfiles.d, StateDirectory=).
  EXPECT_EQ(tree_of(installed->destdir.path()), expected_tree(files, {}));
  EXPECT_NE(installed->result.out.find("Not made: /var/lib/shelfnode"), std::string::npos)
      << installed->result.out;

  const std::string unit =
      read_file(installed->at("/usr/local/lib/systemd/system/shelfnode.service"));
  EXPECT_EQ(setting(unit, "ExecStart"),
            "/usr/local/bin/shelfnode --data-dir ${SHELFNODE_DATA_DIR} daemon");
  EXPECT_EQ(setting(unit, "EnvironmentFile"), "-/usr/local/etc/shelfnode/shelfnode.env");
}

// The factory tree of an OTA install root (src/ota/README.md): the daemon runs through
// ROOT/current, after the boot check, run as root from the factory tree; a trial is marked
// good after READY. A plain prefix (above) has none of these lines.
TEST(InstallLayout, PrefixFactoryRunsTheDaemonThroughCurrentAfterTheBootCheck) {
  auto installed = install_into_destdir("/opt/shelfnode/factory");
  ASSERT_EQ(installed->result.exit_code, 0) << installed->result.err;
  EXPECT_EQ(mode_of(installed->at("/opt/shelfnode/factory/bin/shelfnode")), kProgram);
  // The factory tree says its version as the binary does (`shelfnode --version`).
  EXPECT_EQ(mode_of(installed->at("/opt/shelfnode/factory/VERSION")), kData);
  const RunResult version =
      run({installed->at("/opt/shelfnode/factory/bin/shelfnode"), "--version"});
  std::string factory_version = read_file(installed->at("/opt/shelfnode/factory/VERSION"));
  ASSERT_FALSE(factory_version.empty());
  factory_version.pop_back();  // its newline
  EXPECT_EQ(version.out.rfind("shelfnode " + factory_version + " (", 0), 0u) << version.out;
  const std::string unit =
      read_file(installed->at("/opt/shelfnode/factory/lib/systemd/system/shelfnode.service"));
  ASSERT_FALSE(unit.empty());
  EXPECT_EQ(unit.find("@SHELFNODE_"), std::string::npos) << "a placeholder was left in the unit";
  EXPECT_EQ(
      setting(unit, "ExecStartPre"),
      "+/opt/shelfnode/factory/bin/shelfnode --data-dir ${SHELFNODE_DATA_DIR} ota boot-check");
  EXPECT_EQ(setting(unit, "ExecStart"),
            "/opt/shelfnode/current/bin/shelfnode --data-dir ${SHELFNODE_DATA_DIR} daemon");
  EXPECT_EQ(setting(unit, "ExecStartPost"),
            "-+/opt/shelfnode/factory/bin/shelfnode --data-dir ${SHELFNODE_DATA_DIR} ota "
            "mark-good --if-healthy");
  const std::vector<std::string> settings = unit_settings(unit);
  EXPECT_NE(std::find(settings.begin(), settings.end(),
                      "Environment=SHELFNODE_INSTALL_ROOT=/opt/shelfnode"),
            settings.end());
  // A trial slot's daemon that fails exits 75, which must be restarted so its budget runs out.
  EXPECT_EQ(setting(unit, "RestartPreventExitStatus"), "64 78");

  auto plain = install_into_destdir("/usr");
  ASSERT_EQ(plain->result.exit_code, 0) << plain->result.err;
  const std::string plain_unit = read_file(plain->at("/usr/lib/systemd/system/shelfnode.service"));
  EXPECT_EQ(setting(plain_unit, "ExecStartPre"), "<ExecStartPre not set>");
  EXPECT_EQ(setting(plain_unit, "ExecStartPost"), "<ExecStartPost not set>");
}

TEST(InstallLayout, AnotherInstallKeepsTheEditedEnvironmentFile) {
  auto installed = install_into_destdir("/usr");
  ASSERT_EQ(installed->result.exit_code, 0) << installed->result.err;
  const std::string env = installed->at("/etc/shelfnode/shelfnode.env");
  const std::string example = installed->at("/etc/shelfnode/config.example.json");
  write_file(env, "SHELFNODE_DATA_DIR=/srv/shop\n");
  write_file(example, "{}\n");
  // CMake replaces a file only if its time differs by a second or more: an edit made a
  // while before this install.
  const timespec long_ago[2] = {{1000000000, 0}, {1000000000, 0}};
  ASSERT_EQ(utimensat(AT_FDCWD, example.c_str(), long_ago, 0), 0);

  install_again(*installed);
  ASSERT_EQ(installed->result.exit_code, 0) << installed->result.err;
  EXPECT_EQ(read_file(env), "SHELFNODE_DATA_DIR=/srv/shop\n");
  EXPECT_NE(installed->result.out.find("Kept: " + env), std::string::npos) << installed->result.out;
  // The example is documentation, brought back to what this build ships.
  EXPECT_EQ(read_file(example),
            read_file(SHELFNODE_SOURCE_DIR "/firmware/etc/config.example.json"));
}

}  // namespace
}  // namespace shelfnode::testing::install
