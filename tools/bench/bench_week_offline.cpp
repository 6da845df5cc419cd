// bench_week_offline: a week without Wix, then the reconnect. The issue's figures: "A week
// offline: 50,000 movements over 10,000 SKUs, then reconnect: push calls <= 35 on V1, wall
// time and peak RSS printed; requests / minimum = 1.00."
//
// The method. The emulator starts with a generated Catalog V1 store of N SKUs and no
// server-side rate limit; the client keeps its own (wix.requests_per_minute = 200, the
// figure Wix documents [R45]). With the real binary, as an owner would: init, warehouses
// shop and backroom (mapped) and depot (not mapped), `connect`, `catalog pull`, a stocktake
// counting every SKU once in the shop (`scan --mode count`), and `sync` until it exits 0:
// Wix holds every target and the device knows it holds it (`confirmed`). Then the week:
// every Wix route answers 503 (an injected fault; the admin routes stay up) while M
// movements are recorded through `scan` and `move` (offline_week.h). One `sync` during the
// outage must exit 75, apply nothing and keep every change pending. Then the fault and the
// request log are cleared and one `sync` runs as a child measured from the outside: wall
// time and peak RSS (its own ru_maxrss, through the peak_rss wrapper: see peak_rss.c). Its calls are counted from the emulator's log.
//
// The minimum. V1 changes stock by increment and decrement calls of at most 300 entries
// [R24][R25], one entry per SKU; a SKU whose target rose needs an increment, one whose
// target fell a decrement. No client can do it in fewer than ceil(rose / 300) +
// ceil(fell / 300) push calls, so push calls / minimum = 1.00 means no call was wasted.
// Correctness: afterwards every SKU's quantity in Wix (GET /_emulator/inventory) must be
// max(0, Σ mapped) as planned.
#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <string>

#include "bench_support.h"
#include "child_process.h"
#include "device_cli.h"
#include "device_setup.h"
#include "emulator_child.h"
#include "measured_run.h"
#include "week_report.h"

namespace shelfnode::bench {
namespace {

constexpr std::size_t kDefaultSkus = 10'000;
constexpr std::size_t kDefaultMovements = 50'000;
constexpr int kRequestsPerMinute = 200;
constexpr int kMaxSyncRounds = 5;
constexpr int kStepTimeoutMs = 60'000;
constexpr int kSyncTimeoutMs = 900'000;
constexpr const char* kGenV1Site = "6f1c7b52-9d3e-4a0b-8c21-0e5d2b9a1001";
constexpr const char* kGenKey = "IST.emulator-generated-catalog-key";

int usage(const std::string& why) {
  if (!why.empty()) std::fprintf(stderr, "bench_week_offline: %s\n", why.c_str());
  std::fprintf(stderr,
               "usage: bench_week_offline [--shelfnode PATH] [--dir BASE] [--skus N]\n"
               "                          [--movements M] [--keep]\n"
               "  --skus N        SKUs in the generated V1 store (default 10000)\n"
               "  --movements M   movements recorded while offline, >= 3 x N (default 50000)\n");
  return 64;
}

struct Bench {
  BenchDir dir;
  EmulatorChild emu;
  DeviceCli device;
  OfflineWeek week;
  WeekFigures f;
};

bool fail(const std::string& error) {
  std::fprintf(stderr, "bench_week_offline: %s\n", error.c_str());
  return false;
}

void progress(const char* what) {
  std::printf("  ... %s\n", what);
  std::fflush(stdout);
}

bool admin(Bench& b, const char* method, const std::string& path, const std::string& body,
           JsonPtr* out = nullptr) {
  std::string error;
  JsonPtr json = b.emu.admin(method, path, body, error);
  if (!json) return fail(error);
  if (out != nullptr) *out = std::move(json);
  return true;
}

// Syncs until Wix holds every target; the first rounds read every SKU and reconcile.
bool sync_until_converged(Bench& b) {
  std::string out;
  for (int round = 1; round <= kMaxSyncRounds; ++round) {
    const int code = b.device.run({"sync"}, kSyncTimeoutMs, out);
    b.f.converge_rounds = round;
    if (code == 0) return true;
    if (code != 75) return fail("`sync` before going offline exited " + std::to_string(code));
  }
  return fail("`sync` did not converge in " + std::to_string(kMaxSyncRounds) + " rounds");
}

bool before_going_offline(Bench& b) {
  std::string error;
  const std::string key = b.dir.file("generated-store.key");
  std::ofstream(key) << kGenKey << "\n";
  chmod(key.c_str(), 0600);
  const DeviceCli& d = b.device;
  if (!d.step({"init"}, kStepTimeoutMs, error) ||
      !d.step({"warehouse", "add", kShop, "--mapped"}, kStepTimeoutMs, error) ||
      !d.step({"warehouse", "add", kBackroom, "--mapped"}, kStepTimeoutMs, error) ||
      !d.step({"warehouse", "add", kDepot}, kStepTimeoutMs, error) ||
      !d.step({"connect", "--site-id", kGenV1Site, "--api-key-file", key, "--base-url", b.emu.url(),
               "--ca-file", b.emu.ca_file()},
              kStepTimeoutMs, error) ||
      !d.set_wix_setting("requests_per_minute", kRequestsPerMinute, error)) {
    return fail(error);
  }
  progress("catalog pull");
  SteadyTime t = now();
  if (!d.step({"catalog", "pull"}, kSyncTimeoutMs, error)) return fail(error);
  b.f.pull_seconds = micros_between(t, now()) / 1e6;
  t = now();
  if (!d.scan(opening_count(b.week), error)) return fail(error);
  b.f.count_seconds = micros_between(t, now()) / 1e6;
  progress("sync until Wix holds every target (reads every SKU once and reconciles)");
  t = now();
  if (!sync_until_converged(b)) return false;
  b.f.converge_seconds = micros_between(t, now()) / 1e6;
  std::map<std::string, StockRow> stock;
  if (!read_stock(d, stock, error)) return fail(error);
  for (std::size_t i = 0; i < b.week.skus.size(); ++i) {
    const StockRow& r = stock[b.week.skus[i]];
    if (r.sync != "in_sync" || r.target != b.week.target_before(i)) {
      return fail(b.week.skus[i] + " is " + r.sync + " at target " + std::to_string(r.target) +
                  " after converging, expected in_sync at " +
                  std::to_string(b.week.target_before(i)));
    }
  }
  return true;
}

bool record_the_week(Bench& b) {
  std::string error;
  const long before = ledger_movements(b.device, error);
  const SteadyTime t = now();
  for (const ScanSession& s : b.week.sessions) {
    if (!s.expected.empty() && !b.device.scan(s, error)) return fail(error);
    b.f.scans += s.expected.size();
  }
  for (const PlannedMove& m : b.week.moves) {
    if (!b.device.step({"move", m.sku, std::to_string(m.qty), "--from", m.from, "--to", m.to},
                       kStepTimeoutMs, error)) {
      return fail(error);
    }
  }
  b.f.record_seconds = micros_between(t, now()) / 1e6;
  const long after = ledger_movements(b.device, error);
  if (before < 0 || after < 0) return fail(error);
  b.f.movements = after - before;
  if (b.f.movements != static_cast<long>(b.week.movements)) {
    return fail("the ledger gained " + std::to_string(b.f.movements) + " movements, planned " +
                std::to_string(b.week.movements));
  }
  return true;
}

// One sync while every Wix route answers 503: exit 75, nothing applied, nothing lost.
bool sync_during_outage(Bench& b) {
  progress("sync during the outage (retries with backoff, then gives up)");
  std::string out, error;
  if (!admin(b, "POST", "/_emulator/requests/clear", "{}")) return false;
  const SteadyTime t = now();
  b.f.outage_exit = b.device.run({"sync"}, kSyncTimeoutMs, out);
  b.f.outage_seconds = micros_between(t, now()) / 1e6;
  JsonPtr requests, writes;
  if (!admin(b, "GET", "/_emulator/requests", "", &requests) ||
      !admin(b, "GET", "/_emulator/writes", "", &writes)) {
    return false;
  }
  b.f.outage_calls = count_v1_calls(cJSON_GetObjectItemCaseSensitive(requests.get(), "requests"));
  b.f.outage_writes = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(writes.get(), "writes"));
  std::map<std::string, StockRow> stock;
  if (!read_stock(b.device, stock, error)) return fail(error);
  for (std::size_t i = 0; i < b.week.skus.size(); ++i) {
    const StockRow& r = stock[b.week.skus[i]];
    if (r.sync == "pending" && r.target == b.week.target_after(i)) ++b.f.outage_kept;
  }
  return true;
}

// Wix must show max(0, Σ mapped) as planned for every SKU, and the device must agree.
void check_every_sku(Bench& b, const std::map<std::string, long>& wix,
                     std::map<std::string, StockRow>& stock) {
  for (std::size_t i = 0; i < b.week.skus.size(); ++i) {
    const std::string& sku = b.week.skus[i];
    const auto in_wix = wix.find(sku);
    const StockRow& r = stock[sku];
    const bool right = in_wix != wix.end() && in_wix->second == b.week.target_after(i) &&
                       r.mapped_sum == b.week.mapped_after[i] && r.sync == "in_sync";
    if (right) ++b.f.correct;
    if (right && r.mapped_sum < 0) ++b.f.negative_shown_as_zero;
    if (!right && b.f.first_wrong.empty()) {
      b.f.first_wrong = sku + ": Wix " +
                        (in_wix == wix.end() ? std::string("-") : std::to_string(in_wix->second)) +
                        ", mapped sum " + std::to_string(r.mapped_sum) + " (planned " +
                        std::to_string(b.week.mapped_after[i]) + "), " + r.sync;
    }
  }
}

bool reconnect(Bench& b) {
  progress("the outage ends: one sync, measured");
  std::string error;
  if (!admin(b, "POST", "/_emulator/faults/clear", "{}") ||
      !admin(b, "POST", "/_emulator/requests/clear", "{}") ||
      !admin(b, "POST", "/_emulator/writes/clear", "{}")) {
    return false;
  }
  const std::string& d = b.device.data_dir;
  if (!run_measured({b.device.binary, "--data-dir", d, "sync", "--json"},
                    b.dir.file("reconnect-sync.json"), b.device.log, kSyncTimeoutMs / 1000,
                    b.f.sync, error)) {
    return fail(error);
  }
  JsonPtr requests, writes, inventory;
  if (!admin(b, "GET", "/_emulator/requests", "", &requests) ||
      !admin(b, "GET", "/_emulator/writes", "", &writes) ||
      !admin(b, "GET", std::string("/_emulator/inventory?site=") + kGenV1Site, "", &inventory)) {
    return false;
  }
  b.f.calls = count_v1_calls(cJSON_GetObjectItemCaseSensitive(requests.get(), "requests"));
  b.f.writes = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(writes.get(), "writes"));
  std::map<std::string, StockRow> stock;
  if (!read_stock(b.device, stock, error)) return fail(error);
  check_every_sku(b, wix_quantities(inventory.get()), stock);
  return true;
}

int run(const Flags& flags) {
  std::size_t skus = 0, movements = 0;
  if (!flags.get_count("skus", kDefaultSkus, skus)) return usage("--skus needs a number > 0");
  if (!flags.get_count("movements", kDefaultMovements, movements) || movements < 3 * skus) {
    return usage("--movements needs a number of at least 3 x --skus");
  }
  Bench b;
  std::string error;
  if (!b.dir.create(choose_base_dir(flags), error)) {
    fail(error);
    return 1;
  }
  if (flags.has("keep")) b.dir.keep();
  b.device = {shelfnode_binary(flags), b.dir.file("device"), b.dir.file("device.log")};
  b.week = plan_offline_week(skus, movements);
  b.f.skus = skus;
  b.f.rpm = kRequestsPerMinute;
  print_header(b.device.binary, b.dir.path(), b.week, b.f);
  progress("starting the emulator with a generated V1 store");
  if (!b.emu.start(SHELFNODE_SOURCE_DIR, b.dir.path(),
                   {"--generate-v1", std::to_string(skus), "--rate-limit", "0"}, error)) {
    fail(error);
    return 1;
  }
  if (!before_going_offline(b)) return 1;
  progress("offline: every Wix route answers 503; recording the week");
  if (!admin(b, "POST", "/_emulator/faults", R"({"kind":"503","path":"/*","count":1000000000})") ||
      !admin(b, "POST", "/_emulator/writes/clear", "{}") || !record_the_week(b) ||
      !sync_during_outage(b) || !reconnect(b)) {
    return 1;
  }
  print_figures(b.week, b.f);
  return 0;
}

}  // namespace
}  // namespace shelfnode::bench

int main(int argc, char** argv) {
  using namespace shelfnode::bench;
  return run_benchmark(argc, argv, {"shelfnode", "dir", "skus", "movements", "keep!", "help!"},
                       usage, run);
}
