#pragma once

// `udevadm test` of one made-up device (fake_sysfs.h) against this machine's udev rules plus
// a directory of ours, in a mount namespace of its own (util-linux's unshare): the fake tree
// is /sys there, and /dev, /run and /etc/udev/rules.d are fresh, so the links and database
// entries udevadm writes never reach the machine. Needs root, unshare and udevadm.

#include <map>
#include <string>

namespace shelfnode::testing::install {

struct UdevResult {
  int exit_code = -1;
  std::string log;                                // udevadm's debug log (stderr)
  std::map<std::string, std::string> properties;  // the device's properties after the rules
};

// Why a sandbox cannot run here ("" when it can).
std::string udev_sandbox_unavailable();

// `rules_dir` stands in for /etc/udev/rules.d and `group_file` for /etc/group (udev resolves
// GROUP= names when it reads the rules).
UdevResult udev_test(const std::string& sysfs_root, const std::string& rules_dir,
                     const std::string& group_file, const std::string& syspath);

}  // namespace shelfnode::testing::install
