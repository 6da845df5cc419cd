// ota install | mark-good | rollback | boot-check: the install side of the A/B slots
// (src/ota/README.md). `ota status` is in cmd_ota_status.cpp.
#include <cstdio>
#include <cstdlib>

#include "cli/commands.h"
#include "cli/ota_source.h"
#include "shelfnode/core/logger.h"
#include "shelfnode/core/printable.h"
#include "shelfnode/ota/boot_check.h"
#include "shelfnode/ota/installer.h"
#include "shelfnode/ota/ota_state.h"

namespace shelfnode::cli {
namespace {

constexpr const char* kDefaultKeysDir = "/etc/shelfnode/ota-keys";

std::string keys_dir(const Args& args) {
  if (args.has("keys")) return args.get("keys");
  if (const char* env = std::getenv("SHELFNODE_OTA_KEYS"); env != nullptr && *env != '\0') {
    return env;
  }
  return kDefaultKeysDir;
}

ota::InstallRoot root_of(const Args& args) {
  return ota::install_root_from(args.get("install-root"));
}

}  // namespace

int run_ota_install(App& app, const Args& args) {
  const ota::InstallRoot root = root_of(args);
  const BundleSourceContext source{root, keys_dir(args), args.get("ca-file"), &app.clock()};
  Result<std::string> folder = bundle_folder_for(args.positionals[0], source);
  if (!folder.ok()) return fail(folder.status());
  Result<ota::InstallReport> r =
      ota::install_bundle(ota::system_fs(), root, keys_dir(args), app.clock(), *folder);
  if (!r.ok()) return fail(r.status());
  log_info("ota.installed", {{"slot", r->slot},
                             {"version", r->version.to_string()},
                             {"replaced", r->replaced.to_string()},
                             {"signed_by", r->key_file}});
  std::printf("installed %s into slot %s (was %s in %s), signed by %s\n",
              r->version.to_string().c_str(), r->slot.c_str(), r->replaced.to_string().c_str(),
              r->previous.c_str(), printable(r->key_file).c_str());
  std::printf(
      "current now names %s, in trial: it has %d starts to pass its health check, or "
      "the boot check goes back to %s\n",
      r->slot.c_str(), ota::kBootBudget, r->previous.c_str());
  std::printf("next: restart the service (`systemctl restart shelfnode`) to run it\n");
  return 0;
}

int run_ota_mark_good(App& app, const Args& args) {
  const ota::InstallRoot root = root_of(args);
  // --if-healthy: the unit's ExecStartPost, only when the daemon of the slot in trial said it
  // is up.
  Result<ota::SlotChange> r =
      args.has("if-healthy")
          ? ota::mark_good_if_up(ota::system_fs(), root, ota::read_health_report(app.paths().dir))
          : ota::mark_good(ota::system_fs(), root);
  if (!r.ok()) return fail(r.status());
  if (!r->why_not.empty()) {
    std::printf("%s\n", r->why_not.c_str());
    return 0;
  }
  if (!r->changed) {
    std::printf("nothing in trial: %s (%s) runs\n", r->from.c_str(), r->version.c_str());
    return 0;
  }
  log_info("ota.marked_good", {{"slot", r->to}, {"version", r->version}});
  std::printf("slot %s (%s) marked good; the version floor is now %s\n", r->to.c_str(),
              r->version.c_str(), r->version.c_str());
  return 0;
}

int run_ota_rollback(App& app, const Args& args) {
  Result<ota::SlotChange> r = ota::roll_back(ota::system_fs(), root_of(args), app.clock(),
                                             "rolled back by hand (`shelfnode ota rollback`)");
  if (!r.ok()) return fail(r.status());
  log_info("ota.rolled_back", {{"from", r->from}, {"to", r->to}});
  std::printf("rolled back from %s to %s (%s)\n", r->from.c_str(), r->to.c_str(),
              r->version.c_str());
  std::printf("next: restart the service (`systemctl restart shelfnode`) to run it\n");
  return 0;
}

int run_ota_boot_check(App& app, const Args& args) {
  const ota::InstallRoot root = root_of(args);
  const ota::BootCheckReport r = ota::boot_check(ota::system_fs(), root, app.clock(),
                                                 ota::read_health_report(app.paths().dir));
  for (const std::string& line : r.done) {
    log_info("ota.boot_check", {{"current", r.current}, {"did", line}});
    std::printf("%s\n", printable(line).c_str());
  }
  for (const std::string& line : r.problems) log_error("ota.boot_check", {{"problem", line}});
  if (r.done.empty() && r.problems.empty()) std::printf("%s runs\n", r.current.c_str());
  // Always 0: the daemon must start whatever this found (it says what it could not do).
  return 0;
}

}  // namespace shelfnode::cli
