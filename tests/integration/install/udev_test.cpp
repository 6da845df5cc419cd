// The installed udev rule, run by the machine's own udevadm (systemd 252 has no
// `udevadm verify`) with Debian's rules around it, against made-up scanners and keyboards:
// it parses without a complaint, gives scanners alone to group shelfnode under stable names,
// and takes an integrator's local rule. Then its vendor list against udev's hwdb.

#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "integration/install/fake_sysfs.h"
#include "integration/install/installed_tree.h"
#include "integration/install/udev_sandbox.h"

namespace shelfnode::testing::install {
namespace {

constexpr const char* kRule = "70-shelfnode-scanners.rules";
constexpr const char* kInstalledRule = "/usr/lib/udev/rules.d/70-shelfnode-scanners.rules";
const std::string kPortTag = "pci-0000_00_14_0-usb-0_1_1_0";

// The last "<file>:<line> KEY value" assignment in the log: {file name, value}.
std::pair<std::string, std::string> last_assignment(const std::string& log,
                                                    const std::string& key) {
  std::pair<std::string, std::string> last;
  for (const std::string& line : lines_of(log)) {
    const std::size_t at = line.find(" " + key + " ");
    if (at == std::string::npos) continue;
    const std::size_t colon = line.rfind(':', at);
    const std::size_t slash = line.rfind('/', colon);
    if (colon == std::string::npos || slash == std::string::npos) continue;
    last = {line.substr(slash + 1, colon - slash - 1), line.substr(at + key.size() + 2)};
  }
  return last;
}

std::string property(const UdevResult& r, const std::string& key) {
  auto it = r.properties.find(key);
  return it == r.properties.end() ? "" : it->second;
}

std::set<std::string> shelfnode_links(const UdevResult& r) {
  std::set<std::string> links;
  std::istringstream words(property(r, "DEVLINKS"));
  std::string link;
  while (words >> link) {
    if (link.rfind("/dev/shelfnode/", 0) == 0) links.insert(link);
  }
  return links;
}

class UdevRule : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string why = udev_sandbox_unavailable();
    if (!why.empty()) GTEST_SKIP() << why;
    installed_ = install_into_destdir("/usr");
    ASSERT_EQ(installed_->result.exit_code, 0) << installed_->result.err;
    std::filesystem::copy_file(installed_->at(kInstalledRule), rules_.file(kRule));
    write_group_file();
  }

  // The machine's groups and a shelfnode group with an id no other group has.
  void write_group_file() {
    std::string groups = read_file("/etc/group");
    std::set<std::string> taken;
    for (const std::string& line : lines_of(groups)) {
      const std::size_t a = line.find(':');
      const std::size_t b = a == std::string::npos ? a : line.find(':', a + 1);
      const std::size_t c = b == std::string::npos ? b : line.find(':', b + 1);
      if (c != std::string::npos) taken.insert(line.substr(b + 1, c - b - 1));
      if (line.rfind("input:", 0) == 0) input_gid_ = line.substr(b + 1, c - b - 1);
    }
    int gid = 64000;
    while (taken.count(std::to_string(gid)) != 0) ++gid;
    gid_ = std::to_string(gid);
    if (!groups.empty() && groups.back() != '\n') groups += '\n';
    write_file(etc_.file("group"), groups + "shelfnode:x:" + gid_ + ":\n");
  }

  void local_rule(const std::string& text) {
    write_file(rules_.file("69-shelfnode-local.rules"), text + "\n");
  }

  UdevResult test(const std::string& syspath) {
    UdevResult r = udev_test(sysfs_.path(), rules_.path(), etc_.file("group"), syspath);
    EXPECT_EQ(r.exit_code, 0) << r.log;
    return r;
  }

  void expect_scanner(const UdevResult& r) {
    EXPECT_EQ(last_assignment(r.log, "GROUP"), std::make_pair(std::string(kRule), gid_)) << r.log;
    EXPECT_EQ(last_assignment(r.log, "MODE"),
              std::make_pair(std::string(kRule), std::string("0660")))
        << r.log;
    EXPECT_EQ(property(r, "SHELFNODE_SCANNER"), "1");
  }

  void expect_not_a_scanner(const UdevResult& r) {
    EXPECT_NE(last_assignment(r.log, "GROUP").first, kRule) << r.log;
    EXPECT_NE(last_assignment(r.log, "MODE").first, kRule) << r.log;
    EXPECT_TRUE(shelfnode_links(r).empty());
  }

  std::unique_ptr<Installed> installed_;
  TempDir rules_;
  TempDir etc_;
  TempDir sysfs_;
  FakeSysfs fake_{sysfs_.path()};
  std::string gid_;
  std::string input_gid_;
};

TEST_F(UdevRule, ParsesWithoutAComplaint) {
  const UdevResult r = test(fake_.add_keyboard({"1-1", "0c2e", "0b81", "16123B4321"}, 5));
  ASSERT_NE(r.log.find(std::string("Reading rules file: /etc/udev/rules.d/") + kRule),
            std::string::npos)
      << r.log;
  // While rules are read, a problem is logged as "FILE:LINE what"; once a device runs
  // through them, lines start with its name ("event5: FILE:LINE GROUP ...").
  for (const std::string& line : lines_of(r.log)) {
    if (line.find(kRule) == std::string::npos) continue;
    if (line.rfind("Reading rules file: ", 0) == 0 || line.rfind("event5: ", 0) == 0) continue;
    ADD_FAILURE() << "udevadm says: " << line;
  }
}

TEST_F(UdevRule, KeyboardWedgeScannerGetsTheGroupAndStableNames) {
  const UdevResult r = test(fake_.add_keyboard({"1-1", "0c2e", "0b81", "16123B4321"}, 5));
  expect_scanner(r);
  EXPECT_EQ(shelfnode_links(r),
            (std::set<std::string>{"/dev/shelfnode/scanner-Acme_Barcode_Scanner_16123B4321",
                                   "/dev/shelfnode/scanner-port-" + kPortTag}));
  // Debian's own name, which `scan --source evdev:` documents, is still made.
  EXPECT_NE(property(r, "DEVLINKS")
                .find("/dev/input/by-id/usb-Acme_Barcode_Scanner_16123B4321-event-kbd"),
            std::string::npos);
}

TEST_F(UdevRule, SerialScannerGetsTheGroupAndModemManagerLeavesItAlone) {
  const UdevResult r = test(fake_.add_acm({"1-1", "1eab", "1306", "EM3096-77"}, 0));
  expect_scanner(r);
  EXPECT_EQ(property(r, "ID_MM_DEVICE_IGNORE"), "1");
  EXPECT_EQ(shelfnode_links(r),
            (std::set<std::string>{"/dev/shelfnode/serial-Acme_Barcode_Scanner_EM3096-77",
                                   "/dev/shelfnode/serial-port-" + kPortTag}));
}

TEST_F(UdevRule, ScannerWithoutASerialNumberIsNamedByItsPort) {
  const UdevResult r = test(fake_.add_keyboard({"1-1", "05e0", "1200", ""}, 3));
  expect_scanner(r);
  EXPECT_EQ(shelfnode_links(r), (std::set<std::string>{"/dev/shelfnode/scanner-port-" + kPortTag}));
}

TEST_F(UdevRule, TheClerksKeyboardStaysInGroupInput) {
  const UdevResult r =
      test(fake_.add_keyboard({"1-1", "046d", "c31c", "", "Logitech", "Keyboard"}, 2));
  expect_not_a_scanner(r);
  EXPECT_EQ(r.properties.count("SHELFNODE_SCANNER"), 0u);
  if (!input_gid_.empty()) {
    EXPECT_EQ(last_assignment(r.log, "GROUP").second, input_gid_) << r.log;
  }
}

TEST_F(UdevRule, AnIntegratorAddsAScannerInALocalRule) {
  // A cheap scanner sold under a generic chip's vendor id.
  local_rule(R"(ATTRS{idVendor}=="1a86", ATTRS{idProduct}=="e026", ENV{SHELFNODE_SCANNER}="1")");
  const UdevResult r = test(fake_.add_keyboard({"1-1", "1a86", "e026", "0001"}, 4));
  expect_scanner(r);
  EXPECT_EQ(shelfnode_links(r).count("/dev/shelfnode/scanner-Acme_Barcode_Scanner_0001"), 1u);
}

TEST_F(UdevRule, ALocalRuleKeepsADeviceOfAListedVendorOut) {
  local_rule(R"(ATTRS{idVendor}=="05e0", ATTRS{idProduct}=="1200", ENV{SHELFNODE_SCANNER}="0")");
  const UdevResult r = test(fake_.add_keyboard({"1-1", "05e0", "1200", "S1"}, 6));
  expect_not_a_scanner(r);
}

TEST_F(UdevRule, ASerialAdaptersPortCarriesItsNumber) {
  // An RS-232 scanner behind an FTDI adapter: told apart by the adapter's serial number.
  local_rule(R"(ATTRS{idVendor}=="0403", ATTRS{serial}=="A10K1234", ENV{SHELFNODE_SCANNER}="1")");
  const UdevResult r = test(fake_.add_usb_serial({"1-1", "0403", "6001", "A10K1234"}, 0));
  expect_scanner(r);
  EXPECT_EQ(shelfnode_links(r).count("/dev/shelfnode/serial-Acme_Barcode_Scanner_A10K1234-port0"),
            1u)
      << property(r, "DEVLINKS");
}

// Each vendor id the rule lists is named, in the comment above it, as udev's hwdb (built from
// the USB ID Repository) names it: the list says where each id came from, and the test holds
// it to that.
TEST(UdevRuleVendors, EachIdIsTheVendorItsCommentNames) {
  const std::string hwdb = read_file("/usr/lib/udev/hwdb.d/20-usb-vendor-model.hwdb");
  if (hwdb.empty()) GTEST_SKIP() << "udev's hwdb sources are not installed (Debian package udev)";
  const std::vector<std::string> rule =
      lines_of(read_file(SHELFNODE_SOURCE_DIR "/firmware/udev/70-shelfnode-scanners.rules"));
  int vendors = 0;
  for (std::size_t i = 1; i < rule.size(); ++i) {
    const std::string key = "ATTRS{idVendor}==\"";
    const std::size_t at = rule[i].find(key);
    if (at == std::string::npos || rule[i][0] == '#') continue;  // the header's example
    ++vendors;
    const std::string id = rule[i].substr(at + key.size(), 4);
    std::string upper = id;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const std::string entry = "\nusb:v" + upper + "*\n ID_VENDOR_FROM_DATABASE=";
    const std::size_t found = hwdb.find(entry);
    ASSERT_NE(found, std::string::npos) << id << " is not in udev's hwdb";
    const std::size_t name_at = found + entry.size();
    const std::string name = hwdb.substr(name_at, hwdb.find('\n', name_at) - name_at);
    EXPECT_EQ(rule[i - 1].rfind("# " + id + " " + name + ":", 0), 0u)
        << "line " << i + 1 << ": the comment should start \"# " << id << " " << name << ":\"";
  }
  EXPECT_GE(vendors, 1);
}

}  // namespace
}  // namespace shelfnode::testing::install
