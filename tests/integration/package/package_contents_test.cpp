// What the .deb holds, read back with dpkg-deb: its name, version and architecture, the
// dependencies dpkg-shlibdeps found, the conffiles, and every file with its owner and mode.
// Nothing the OTA slots or the service own at run time (current, a/, b/, ota/, the data dir)
// is in it.

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "integration/package/built_debs.h"
#include "support/process.h"

namespace shelfnode::testing::package {
namespace {

class PackageContents : public ::testing::Test {
 protected:
  void SetUp() override {
    if (find_program("dpkg-deb").empty()) GTEST_SKIP() << "dpkg-deb is not installed (Debian package dpkg)";
    debs_ = built_debs();
    ASSERT_TRUE(is_file(debs_.current)) << debs_.current << ": the fixture test package_build_debs failed";
    ASSERT_TRUE(is_file(debs_.older)) << debs_.older;
    deb_ = debs_.current;
  }

  std::string field(const std::string& name) {
    const RunResult r = run({"dpkg-deb", "--field", deb_, name});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::string value = r.out;
    while (!value.empty() && value.back() == '\n') value.pop_back();
    return value;
  }

  // `dpkg-deb --contents` as "mode owner path[ -> target]" lines.
  std::vector<std::string> contents() {
    const RunResult r = run({"dpkg-deb", "--contents", deb_});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::vector<std::string> entries;
    std::istringstream in(r.out);
    std::string mode, owner, size, date, time, path, rest;
    while (in >> mode >> owner >> size >> date >> time >> path) {
      std::getline(in, rest);
      entries.push_back(mode + " " + owner + " " + path + rest);
    }
    return entries;
  }

  BuiltDebs debs_;
  std::string deb_;
};

TEST_F(PackageContents, IsNamedForItsVersionAndArchitecture) {
  EXPECT_EQ(field("Package"), "shelfnode");
  EXPECT_EQ(field("Version"), SHELFNODE_VERSION);
  EXPECT_EQ(field("Architecture"), SHELFNODE_DEB_ARCH);
  EXPECT_NE(deb_.find("/shelfnode_" SHELFNODE_VERSION "_" SHELFNODE_DEB_ARCH ".deb"), std::string::npos);
}

// Depends comes from what the binaries link (dpkg-shlibdeps natively): every DT_NEEDED
// soname of the packaged binaries has its package in Depends, and every package in Depends is
// one the cross builds' soname table (cmake/deb_depends.cmake.in) knows, so the two ways of
// computing it cannot drift apart unnoticed. Whatever the profile: a static device build
// needs libc6 alone.
TEST_F(PackageContents, DependsOnWhatTheBinariesLinkAndTheCrossTableKnowsIt) {
  const std::string readelf = find_program("readelf");
  if (readelf.empty()) GTEST_SKIP() << "readelf is not installed (Debian package binutils)";
  const std::string depends = field("Depends");
  const std::string table = read_file(SHELFNODE_SOURCE_DIR "/cmake/deb_depends.cmake.in");
  ASSERT_FALSE(table.empty());
  std::vector<std::string> packages;
  std::istringstream list(depends);
  for (std::string item; std::getline(list, item, ',');) {
    item.erase(0, item.find_first_not_of(' '));
    packages.push_back(item.substr(0, item.find(' ')));
    EXPECT_NE(table.find("=" + packages.back() + " "), std::string::npos)
        << packages.back() << " is in Depends but not in cmake/deb_depends.cmake.in";
  }
  EXPECT_NE(std::find(packages.begin(), packages.end(), "libc6"), packages.end()) << depends;

  TempDir unpacked;
  ASSERT_EQ(run({"dpkg-deb", "-x", deb_, unpacked.path()}).exit_code, 0);
  for (const char* binary : {"shelfnode", "shelfnoded"}) {
    const RunResult r = run({readelf, "-d", unpacked.file("opt/shelfnode/factory/bin/") + binary});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string marker = "Shared library: [";
    int sonames = 0;
    for (std::size_t at = 0; (at = r.out.find(marker, at)) != std::string::npos;) {
      at += marker.size();
      const std::string soname = r.out.substr(at, r.out.find(']', at) - at);
      ++sonames;
      const std::size_t entry = table.find("\"" + soname + "=");
      ASSERT_NE(entry, std::string::npos) << soname << " is not in cmake/deb_depends.cmake.in";
      const std::size_t name_at = entry + soname.size() + 2;
      const std::string package = table.substr(name_at, table.find(' ', name_at) - name_at);
      EXPECT_NE(std::find(packages.begin(), packages.end(), package), packages.end())
          << binary << " needs " << soname << " (" << package << "), Depends: " << depends;
    }
    EXPECT_GT(sonames, 0) << binary << ": no DT_NEEDED read (libc at least)";
  }
}

TEST_F(PackageContents, TheConfigAndTheEnvironmentFileAreConffiles) {
  const RunResult r = run({"dpkg-deb", "--info", deb_, "conffiles"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "/etc/shelfnode/config.json\n/etc/shelfnode/shelfnode.env\n");
}

TEST_F(PackageContents, ShipsTheFactoryTreeTheUnitAndTheRulesWithTheirModes) {
  const std::vector<std::string> entries = contents();
  const std::vector<std::string> expected = {
      "-rwxr-xr-x root/root ./opt/shelfnode/factory/bin/shelfnode",
      "-rwxr-xr-x root/root ./opt/shelfnode/factory/bin/shelfnoded",
      "-rw-r--r-- root/root ./opt/shelfnode/factory/VERSION",
      "lrwxrwxrwx root/root ./usr/bin/shelfnode -> /opt/shelfnode/current/bin/shelfnode",
      "-rw-r--r-- root/root ./lib/systemd/system/shelfnode.service",
      "-rw-r--r-- root/root ./lib/systemd/system/shelfnode-ota.service",
      "-rw-r--r-- root/root ./lib/udev/rules.d/70-shelfnode-scanners.rules",
      "-rw-r--r-- root/root ./usr/lib/sysusers.d/shelfnode.conf",
      "-rw-r--r-- root/root ./usr/lib/tmpfiles.d/shelfnode.conf",
      "-rw-r--r-- root/root ./etc/shelfnode/config.json",
      "-rw-r--r-- root/root ./etc/shelfnode/shelfnode.env",
      "-rw-r--r-- root/root ./usr/share/doc/shelfnode/config.example.json",
  };
  for (const std::string& want : expected) {
    EXPECT_NE(std::find(entries.begin(), entries.end(), want), entries.end()) << want;
  }
  std::size_t files = 0;
  for (const std::string& entry : entries) {
    if (entry[0] != 'd') ++files;
    EXPECT_EQ(entry.find("./opt/shelfnode/current"), std::string::npos) << entry;
    EXPECT_EQ(entry.find("./var/"), std::string::npos) << entry;
    EXPECT_EQ(entry.find("./opt/shelfnode/ota"), std::string::npos) << entry;
    if (entry[0] == 'd') {
      EXPECT_EQ(entry.rfind("drwxr-xr-x root/root ", 0), 0u) << entry;
    }
  }
  EXPECT_EQ(files, expected.size()) << "a file the package ships is not checked here";
}

TEST_F(PackageContents, TheConfigIsTheBoardsDefault) {
  TempDir unpacked;
  const RunResult r = run({"dpkg-deb", "-x", deb_, unpacked.path()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string board = SHELFNODE_DEB_ARCH == std::string("arm64")   ? "raspberrypi-arm64"
                            : SHELFNODE_DEB_ARCH == std::string("armhf") ? "armhf-pos"
                                                                         : "generic-x86_64";
  EXPECT_EQ(read_file(unpacked.file("etc/shelfnode/config.json")),
            read_file(SHELFNODE_SOURCE_DIR "/boards/" + board + "/config.json"));
  // Stripped: the symbol table stays in the build tree.
  const std::string file = find_program("file");
  if (!file.empty()) {
    const RunResult f = run({file, "-b", unpacked.file("opt/shelfnode/factory/bin/shelfnode")});
    EXPECT_NE(f.out.find(", stripped"), std::string::npos) << f.out;
  }
}

}  // namespace
}  // namespace shelfnode::testing::package
