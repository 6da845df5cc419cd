// bench_daemon on devices connected to the Wix emulator: idle once the start-up work is
// done, scans while sync rounds run back to back, scans while a large store's first sync
// round and first catalog pull run.
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "daemon_bench.h"
#include "daemon_devices.h"
#include "emulator_child.h"
#include "proc_status.h"
#include "round_asker.h"

namespace shelfnode::bench {
namespace {

constexpr int kStepTimeoutMs = 120'000;
constexpr int kRoundTimeoutMs = 120'000;
constexpr int kRequestsPerMinute = 200;  // the most the client allows (Wix's documented limit)
constexpr std::chrono::seconds kSettle{1};
// Phase 2 scans on until this many rounds have started, so that it sees rounds begin and
// end (their planning, their writes, the backup that ends each) and not only their waits.
constexpr int kMinRounds = 5;
constexpr const char* kV1Site = "f9fbab61-c968-41d2-a177-78dc40ab8c1c";  // fixtures/v1_store.json
constexpr const char* kV1Key = "IST.v1-full-access-3f9a";
constexpr const char* kGenV3Site = "6f1c7b52-9d3e-4a0b-8c21-0e5d2b9a3003";  // --generate-v3
constexpr const char* kGenKey = "IST.emulator-generated-catalog-key";

// No round falls due on its own while we measure: only the start-up ones, and those asked.
const std::vector<std::pair<const char*, int>> kQuietSchedule = {
    {"interval_seconds", 86400}, {"catalog_interval_seconds", 604800}};

// Requests the emulator logged under `path` (its log keeps the last 5000).
long logged_requests(const EmulatorChild& emu, const std::string& path, std::string& error) {
  JsonPtr log = emu.admin("GET", "/_emulator/requests?path=" + path, "", error);
  const cJSON* list = cJSON_GetObjectItemCaseSensitive(log.get(), "requests");
  return cJSON_IsArray(list) ? cJSON_GetArraySize(list) : -1;
}

ScanPlan watched_plan(DaemonBench& b, const std::string& tag, const std::string& data_dir,
                      const std::vector<std::string>& managed) {
  ScanPlan plan;
  plan.tag = tag;
  plan.data_dir = data_dir;
  plan.codes = scan_codes(b, managed);
  plan.warm_up = 20;
  plan.scans = b.settings.scans;
  plan.watch_rounds = true;
  plan.notify = &b.notify;
  return plan;
}

// Phase 2: the emulator delays every call, `shelfnode sync` asks for rounds back to back.
bool scans_beside_rounds(DaemonBench& b, const EmulatorChild& emu, const DeviceCli& device,
                         const std::vector<std::string>& managed, DaemonChild& daemon,
                         ScanFigures& out) {
  std::string error;
  const std::string log = device.data_dir + "/daemon.log";
  const std::string fault = R"({"kind": "latency", "path": "/*", "count": 1000000000, "ms": )" +
                            std::to_string(b.settings.latency_ms) + "}";
  if (!emu.admin("POST", "/_emulator/faults", fault, error)) return bench_fail(error);
  const std::string started = "event=round.start work=sync";
  const int rounds_before = count_in_file(log, started);
  ScanPlan plan = watched_plan(b, "rounds", device.data_dir, managed);
  plan.more = [&] { return count_in_file(log, started) - rounds_before < kMinRounds; };
  RoundAsker asker(b.binary, device.data_dir);
  const bool ran = wait_for_round(device.data_dir, "sync", b.notify, kRoundTimeoutMs, error) &&
                   run_scans(plan, b.scanner, daemon, out, error);
  // The round under way then ends quickly, and with it the asker's last `sync`.
  if (!emu.admin("DELETE", "/_emulator/faults", "", error) && ran) return bench_fail(error);
  asker.stop();
  if (!ran) return bench_fail(error);
  const std::string title =
      "phase 2: scans through the daemon while sync rounds run (every Wix call " +
      std::to_string(b.settings.latency_ms) + " ms late, `shelfnode sync` asking back to back)";
  print_scan_phase(title, plan.warm_up, out, true);
  std::printf(
      "  rounds: %d sync rounds started in the phase (daemon log); the asker's `sync`: %s\n",
      count_in_file(log, started) - rounds_before, asker.describe_exits().c_str());
  return true;
}

bool idle_connected_device(DaemonBench& b, const EmulatorChild& emu, ScanFigures& out) {
  DeviceCli device;
  std::string error, summary;
  std::vector<std::string> managed;
  if (!prepare_daemon_device(b, "connected", kQuietSchedule, device) ||
      !connect_to_emulator(device, emu, kV1Site, kV1Key, kRequestsPerMinute, error) ||
      !device.step({"catalog", "pull"}, kStepTimeoutMs, error) ||
      !tracked_wix_skus(emu, kV1Site, managed, error)) {
    return bench_fail("connected device: " + error);
  }
  DaemonChild daemon;
  if (!start_daemon(b, device.data_dir, {}, daemon)) return false;
  std::printf(
      "\n  connected device (the emulator's V1 fixture site: %zu SKUs tracked in Wix, "
      "beside the %zu imported)\n",
      managed.size(), b.settings.skus);
  print_memory("connected, at READY", daemon.pid(), false);
  if (!wait_for_start_up_rounds(device.data_dir, b.notify, kRoundTimeoutMs, summary, error))
    return bench_fail(error);
  std::printf("  start-up: %s\n", summary.c_str());
  std::this_thread::sleep_for(kSettle);
  print_idle("connected, idle after its start-up rounds",
             idle_window(b, daemon, static_cast<double>(b.settings.idle_seconds)));
  print_memory("connected, after its start-up rounds", daemon.pid(), true);
  std::fflush(stdout);
  if (!scans_beside_rounds(b, emu, device, managed, daemon, out)) return false;
  print_memory("connected, after the rounds of phase 2", daemon.pid(), true);
  std::fflush(stdout);
  return stop_daemon(daemon, "connected device");
}

// Scans while a round of `work` runs, which the daemon started on its own.
bool scans_beside(DaemonBench& b, const EmulatorChild& emu, const std::string& data_dir,
                  DaemonChild& daemon, const char* work, const std::string& title,
                  ScanFigures& out) {
  std::string error;
  if (!wait_for_round(data_dir, work, b.notify, kRoundTimeoutMs, error)) return bench_fail(error);
  const long calls_before = logged_requests(emu, "/stores/v3", error);
  const ScanPlan plan = watched_plan(b, work, data_dir, {});
  if (!run_scans(plan, b.scanner, daemon, out, error)) return bench_fail(error);
  const long calls_after = logged_requests(emu, "/stores/v3", error);
  print_scan_phase(title, plan.warm_up, out, true);
  std::printf("  Wix calls answered while the scans ran: %ld (pages of up to 1000)\n",
              calls_after - calls_before);
  print_memory("large store, after the scans", daemon.pid(), true);
  std::fflush(stdout);
  return true;
}

// Phase 3: a device connected to a generated V3 store of --site-skus variants, started for
// the first time. The daemon's start-up sync round reconciles (reads every inventory item:
// the worker parses pages and keeps them), then its start-up catalog pull writes every
// variant into the catalogue, a page of 1000 per transaction. Scans are measured in each.
bool scans_beside_a_large_store(DaemonBench& b, const EmulatorChild& emu, ScanFigures& in_sync,
                                ScanFigures& in_pull) {
  DeviceCli device;
  std::string error;
  if (!prepare_daemon_device(b, "large", kQuietSchedule, device) ||
      !connect_to_emulator(device, emu, kGenV3Site, kGenKey, kRequestsPerMinute, error)) {
    return bench_fail("large-store device: " + error);
  }
  DaemonChild daemon;
  if (!start_daemon(b, device.data_dir, {}, daemon)) return false;
  const std::string store = std::to_string(b.settings.site_skus) + "-variant V3 store";
  return scans_beside(b, emu, device.data_dir, daemon, "sync",
                      "phase 3a: scans through the daemon during its first sync round with a " +
                          store + " (reconcile: every inventory item read)",
                      in_sync) &&
         scans_beside(
             b, emu, device.data_dir, daemon, "catalog_pull",
             "phase 3b: scans through the daemon during its first catalog pull of the " + store,
             in_pull) &&
         stop_daemon(daemon, "large-store device");
}

}  // namespace

bool connected_phases(DaemonBench& b, ScanFigures& round_scans, ScanFigures& reconcile_scans,
                      ScanFigures& pull_scans) {
  EmulatorChild emu;
  std::string error;
  if (!emu.start(SHELFNODE_SOURCE_DIR, b.dir.path(),
                 {"--generate-v3", std::to_string(b.settings.site_skus), "--rate-limit", "0"},
                 error)) {
    return bench_fail(error);
  }
  return idle_connected_device(b, emu, round_scans) &&
         scans_beside_a_large_store(b, emu, reconcile_scans, pull_scans);
}

}  // namespace shelfnode::bench
