#include "integration/install/udev_sandbox.h"

#include <unistd.h>

#include <sstream>

#include "integration/install/installed_tree.h"
#include "support/process.h"

namespace shelfnode::testing::install {

namespace {

// Runs as sh -c in the new namespace: $1 sysfs tree, $2 rules dir, $3 group file, $4 device.
// unshare's mount namespace has private propagation, so none of these mounts leaves it.
constexpr const char* kScript =
    "set -e\n"
    "mount --bind \"$1\" /sys\n"
    "mount -t tmpfs tmpfs /dev\n"
    "mount -t tmpfs tmpfs /run\n"
    "mount --bind \"$2\" /etc/udev/rules.d\n"
    "mount --bind \"$3\" /etc/group\n"
    "exec udevadm test --action=add \"$4\"\n";

}  // namespace

std::string udev_sandbox_unavailable() {
  if (geteuid() != 0) return "mounting a made-up /sys needs root";
  if (find_program("udevadm").empty()) return "udevadm is not installed (Debian package udev)";
  if (find_program("unshare").empty()) return "unshare is not installed (Debian util-linux)";
  if (access("/etc/udev/rules.d", F_OK) != 0) return "/etc/udev/rules.d is missing";
  const RunResult probe = run({"unshare", "--mount", "true"});
  if (probe.exit_code != 0) return "unshare --mount is refused here: " + probe.err;
  return "";
}

UdevResult udev_test(const std::string& sysfs_root, const std::string& rules_dir,
                     const std::string& group_file, const std::string& syspath) {
  // A tree that is not sysfs is refused unless this says not to check (systemd's
  // docs/ENVIRONMENT.md).
  const RunResult r = run({"unshare", "--mount", "--propagation", "private", "/bin/sh", "-c",
                           kScript, "sh", sysfs_root, rules_dir, group_file, syspath},
                          "", {{"SYSTEMD_DEVICE_VERIFY_SYSFS", "0"}, {"SYSTEMD_LOG_COLOR", "0"}});
  UdevResult result;
  result.exit_code = r.exit_code;
  result.log = r.err;
  std::istringstream out(r.out);
  std::string line;
  while (std::getline(out, line)) {
    const std::size_t eq = line.find('=');
    if (eq == std::string::npos || eq == 0) continue;
    result.properties[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return result;
}

}  // namespace shelfnode::testing::install
