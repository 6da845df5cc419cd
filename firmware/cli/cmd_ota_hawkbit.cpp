// `ota hawkbit [--once]`: poll the hawkBit controller (DDI API) and carry out what it asks:
// configData, rollouts (download, check, install, feedback) and cancels
// (src/ota/hawkbit/README.md). Long-running under systemd (shelfnode-ota.service); --once
// for scripts and tests.
#include <signal.h>
#include <sys/stat.h>
#include <sys/utsname.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <random>

#include "cli/commands.h"
#include "shelfnode/core/logger.h"
#include "shelfnode/core/read_file.h"
#include "shelfnode/ota/hawkbit/ddi_client.h"
#include "shelfnode/ota/hawkbit/command_installer.h"
#include "shelfnode/ota/hawkbit/poll_schedule.h"
#include "shelfnode/ota/hawkbit/target_token.h"
#include "shelfnode/ota/hawkbit/wired.h"
#include "shelfnode/ota/fs_ops.h"
#include "shelfnode/ota/install_root.h"
#include "shelfnode/ota/installer.h"
#include "shelfnode/ota/semver.h"
#include "shelfnode/wix/curl_transport.h"

#ifndef SHELFNODE_VERSION
#define SHELFNODE_VERSION "0.0.0"
#endif

namespace shelfnode::cli {
namespace {

namespace hb = ota::hawkbit;

constexpr const char* kDefaultKeysDir = "/etc/shelfnode/ota-keys";

// As `ota install`: --keys, else $SHELFNODE_OTA_KEYS, else the package's folder.
std::string ota_keys_dir(const Args& args) {
  if (args.has("keys")) return args.get("keys");
  if (const char* env = std::getenv("SHELFNODE_OTA_KEYS"); env != nullptr && *env != '\0') {
    return env;
  }
  return kDefaultKeysDir;
}

// The board model as the kernel knows it (device tree on ARM boards, DMI on PCs), else the
// machine type.
std::string board_name() {
  for (const char* path : {"/proc/device-tree/model", "/sys/class/dmi/id/product_name"}) {
    std::string text;
    if (read_whole_file(path, text) == 0) {
      text = text.substr(0, text.find('\0'));  // the device tree's model ends in one
      while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
      if (!text.empty()) return text;
    }
  }
  struct utsname u {};
  return ::uname(&u) == 0 ? u.machine : "unknown";
}

Status make_dir(const std::string& path) {
  return ota::make_dirs(path).with_context(
      "is --install-root / SHELFNODE_INSTALL_ROOT writable by this user?");
}

// Waits up to `ms` for SIGTERM/SIGINT (blocked, so one that came during a poll is seen
// here at once). True when one came.
bool wait_for_stop(const sigset_t& stop, std::int64_t ms) {
  timespec t{static_cast<time_t>(ms / 1000), static_cast<long>((ms % 1000) * 1'000'000)};
  while (true) {
    const int got = ::sigtimedwait(&stop, nullptr, &t);
    if (got == SIGTERM || got == SIGINT) return true;
    if (got < 0 && errno == EAGAIN) return false;
    if (got < 0 && errno != EINTR) return false;
  }
}

Status note_next_poll(const std::string& state_file, std::int64_t due_ms) {
  Result<hb::HawkbitState> state = hb::load_hawkbit_state(state_file);
  if (!state.ok()) return state.status();
  state->next_poll_ms = due_ms;
  return hb::save_hawkbit_state(state_file, *state);
}

}  // namespace

int run_ota_hawkbit(App& app, const Args& args) {
  Result<Config> config = app.read_config();
  if (!config.ok()) return fail(config.status());
  const Config::Ota::Hawkbit& settings = config->ota.hawkbit;
  if (settings.url.empty()) {
    return fail(config_error("no hawkBit server configured: set ota.hawkbit.url, controller_id "
                             "and token_file in " + app.paths().config()));
  }
  Result<std::string> token = hb::read_target_token(settings.token_file);
  if (!token.ok()) return fail(token.status());
  logger().add_secret(*token);

  const ota::InstallRoot root = ota::install_root_from(args.get("install-root"));
  const std::string ota_dir = root.ota_dir();
  if (Status s = make_dir(ota_dir + "/hawkbit"); !s.ok()) return fail(s);

  // What hawkBit is told runs, and what a rollout is checked against: the running slot's
  // version and the stored floor; this build's own version where no slots are set up yet
  // (a --install-command integration).
  ota::DeviceVersions versions;
  if (Result<ota::DeviceVersions> running = ota::installed_versions(root); running.ok()) {
    versions = *running;
  } else if (!args.has("install-command")) {
    return fail(running.status());
  } else {
    Result<ota::Semver> own = ota::parse_semver(SHELFNODE_VERSION);
    if (!own.ok()) return fail(own.status());
    versions.installed = *own;
  }
  const ota::Semver installed = versions.installed;

  SystemClock clock;
  const std::string keys = ota_keys_dir(args);
  // The A/B installer (which checks our signature itself), or for an integrator who installs
  // another way, their program after our own check.
  std::unique_ptr<hb::Installer> command;
  std::unique_ptr<hb::Installer> installer;
  if (args.has("install-command")) {
    command = std::make_unique<hb::CommandInstaller>(
        std::vector<std::string>{args.get("install-command")});
    installer = std::make_unique<hb::VerifyingInstaller>(keys, versions, clock, command.get());
  } else {
    installer = std::make_unique<hb::SlotInstaller>(root, keys, clock);
  }
  wix::CurlOptions curl;
  curl.ca_file = settings.ca_file;
  curl.max_body_bytes = 1u << 20;  // DDI answers are small; a bigger one is hostile
  wix::CurlTransport transport(curl);
  hb::ResumableFetcher fetcher(settings.ca_file);

  hb::PollContext context;
  context.endpoint = {settings.url, settings.tenant, settings.controller_id, *token, false};
  context.transport = &transport;
  context.fetcher = &fetcher;
  context.installer = installer.get();
  context.clock = &clock;
  context.device = {installed.to_string(), board_name()};
  context.work_dir = ota_dir + "/hawkbit";
  context.state_file = ota_dir + "/hawkbit.json";

  if (args.has("once")) {
    Result<hb::PollOutcome> outcome = hb::poll_once(context);
    if (!outcome.ok()) return fail(outcome.status());
    const std::int64_t sleep = hb::bounded_sleep_seconds(outcome->sleep_seconds);
    if (Status s = note_next_poll(context.state_file, clock.now_ms() + sleep * 1000); !s.ok()) {
      return fail(s);
    }
    std::printf("hawkbit: %s; next poll in %lld s\n", outcome->summary.c_str(),
                static_cast<long long>(sleep));
    return 0;
  }

  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGTERM);
  sigaddset(&stop, SIGINT);
  sigprocmask(SIG_BLOCK, &stop, nullptr);
  std::mt19937_64 random(std::random_device{}());
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  int failures = 0;
  log_info("ota.hawkbit.start", {{"controller", context.endpoint.controller_url()}});
  while (true) {
    Result<hb::PollOutcome> outcome = hb::poll_once(context);
    std::int64_t wait_ms = 0;
    if (outcome.ok()) {
      failures = 0;
      wait_ms = hb::bounded_sleep_seconds(outcome->sleep_seconds) * 1000;
      log_info("ota.hawkbit.poll", {{"result", outcome->summary}});
    } else {
      // A wrong token or configuration does not heal by itself, but the owner may fix it in
      // hawkBit: keep polling, slowly, and say so every time.
      wait_ms = hb::error_backoff_ms(++failures, unit(random));
      log_warn("ota.hawkbit.poll_failed", {{"error", outcome.status().message()},
                                            {"retry_in_ms", std::to_string(wait_ms)}});
    }
    Status noted = note_next_poll(context.state_file, clock.now_ms() + wait_ms);
    if (!noted.ok()) log_warn("ota.hawkbit.state", {{"error", noted.message()}});
    if (wait_for_stop(stop, wait_ms)) break;
  }
  log_info("ota.hawkbit.stop");
  return 0;
}

}  // namespace shelfnode::cli
