// Every board's default config.json (boards/BOARD/config.json, the package's
// /etc/shelfnode/config.json) is a config the daemon accepts: the project's own parser, not
// a JSON schema of its own, so a field the parser refuses fails here first.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "shelfnode/core/config.h"
#include "support/process.h"

namespace shelfnode::testing {
namespace {

const std::string kBoards = SHELFNODE_SOURCE_DIR "/boards";

std::vector<std::string> board_names() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(kBoards)) {
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  }
  return names;
}

TEST(BoardConfig, TheThreeBoardsArePresent) {
  const std::vector<std::string> names = board_names();
  for (const char* board : {"generic-x86_64", "raspberrypi-arm64", "armhf-pos"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), board), names.end()) << board;
  }
}

TEST(BoardConfig, EveryBoardHasAToolchainAConfigAndAReadme) {
  for (const std::string& board : board_names()) {
    for (const char* file : {"toolchain.cmake", "config.json", "README.md"}) {
      EXPECT_TRUE(std::filesystem::is_regular_file(kBoards + "/" + board + "/" + file))
          << board << "/" << file;
    }
  }
}

TEST(BoardConfig, EveryDefaultConfigIsAcceptedAndNamesScanners) {
  for (const std::string& board : board_names()) {
    SCOPED_TRACE(board);
    const std::string path = kBoards + "/" + board + "/config.json";
    const std::string text = read_file(path);
    ASSERT_FALSE(text.empty()) << path;
    const Result<Config> parsed = parse_config(text, path);
    ASSERT_TRUE(parsed.ok()) << parsed.status().message();
    const Config& c = *parsed;
    EXPECT_GE(c.sync.interval_seconds, 30) << "a board syncs at most twice a minute";
    EXPECT_TRUE(c.wix.site_id.empty()) << "the site comes from `connect`, never a default";
    ASSERT_FALSE(c.scanners.empty());
    for (const Config::Scanner& s : c.scanners) {
      // The package's postinst makes warehouse "shop" on a first install, so the daemon
      // starts with this config before the owner has made any.
      EXPECT_EQ(s.warehouse, "shop") << s.name;
      const bool evdev_by_id = s.source.rfind("evdev:/dev/input/by-id/", 0) == 0;
      const bool serial_acm = s.source.rfind("serial:/dev/ttyACM", 0) == 0;
      EXPECT_TRUE(evdev_by_id || serial_acm)
          << s.source << ": a stable evdev by-id path or a CDC-ACM serial port";
    }
  }
}

TEST(BoardConfig, BoardsCoverBothScannerKinds) {
  bool evdev = false;
  bool serial = false;
  for (const std::string& board : board_names()) {
    const std::string path = kBoards + "/" + board + "/config.json";
    const Result<Config> parsed = parse_config(read_file(path), path);
    if (!parsed.ok()) continue;  // reported by the test above
    for (const Config::Scanner& s : parsed->scanners) {
      evdev = evdev || s.source.rfind("evdev:", 0) == 0;
      serial = serial || s.source.rfind("serial:", 0) == 0;
    }
  }
  EXPECT_TRUE(evdev);
  EXPECT_TRUE(serial);
}

}  // namespace
}  // namespace shelfnode::testing
