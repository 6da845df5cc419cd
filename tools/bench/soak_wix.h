#pragma once

// The Wix side of the kill -9 soak (soak_kill9.cpp): the emulator with a Catalog V1 store of
// the durability shop's SKUs, the device connected to it, `sync` processes killed at a random
// moment of their round, and the end checks: Wix converges on max(0, Σ mapped) for every
// managed SKU, and no change was applied twice.

#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "fault/sync_property/resend_check.h"
#include "support/emulator_admin.h"
#include "support/wix_emulator.h"

namespace shelfnode::bench {

// One killed `sync`, drawn from the soak's PRNG before it runs.
struct SyncPlan {
  int kill_after_ms = 0;
  std::string latency_path;  // "" = no fault: a latency fault on one phase's calls
  int latency_ms = 0;
  int latency_count = 1;
  int latency_skip = 0;
  std::string describe() const;
};
SyncPlan plan_sync(std::mt19937_64& rng);

struct SyncPoint {
  // Where the kill came: the phase of the call in flight or last answered ("at startup"
  // before any call), "finished before the kill", or "refused: data dir locked (75)".
  std::string landed;
  bool in_flight = false;  // a call was in flight when the process died
  std::string problem;     // "" unless the run broke something (an exit it must never have)
};

class SoakWix {
 public:
  // Writes the fixture under `dir` and starts the emulator. "" or why not.
  std::string start(const std::string& dir);
  // `connect`, a faster Wix config, `catalog pull`, then `sync` until it exits 0.
  std::string connect(const std::string& data_dir);

  // Runs `sync` in `data_dir` and kills it as `plan` says; waits until the emulator is done
  // with its last call. A scan session may run beside it (then one of them finds the data
  // dir locked).
  SyncPoint killed_sync(const std::string& data_dir, const SyncPlan& plan);

  // The no-resend check (sync_property/resend_check.h) over the requests since the window
  // before the last one; starts a new window. New errors only (each is reported once).
  std::vector<std::string> check_resends();

  // Every fault cleared, `sync` until it exits 0 (at most `rounds`), then every managed
  // SKU's Wix quantity against max(0, Σ mapped) from the ledger. Returns what is wrong;
  // `summary` says how it went.
  std::vector<std::string> converge(const std::string& data_dir, int rounds, std::string& summary);

  int uncertain_writes() const { return uncertain_; }
  int writes_cut_by_kill() const { return cut_by_kill_; }
  int resend_errors() const { return static_cast<int>(resend_errors_.size()); }

 private:
  int run_sync(const std::string& data_dir, int timeout_ms, std::string& out);
  void observe(std::int64_t after, std::int64_t kill_ms, const std::string& used_fault,
               const SyncPlan& plan, SyncPoint& point);

  std::string dir_;
  testing::WixEmulator emulator_;
  std::unique_ptr<testing::EmulatorAdmin> admin_;
  sync_property::ResendFacts facts_;
  std::int64_t last_request_ = 0;
  std::int64_t last_write_ = 0;
  std::int64_t window_start_ = 0;
  std::int64_t previous_window_ = 0;
  std::int64_t window_start_write_ = 0;  // the last write ID when the window started
  std::int64_t previous_window_write_ = 0;
  int uncertain_ = 0;
  int cut_by_kill_ = 0;
  int uncertain_in_window_ = 0;  // of the last window checked (the next check sees it again)
  int cut_in_window_ = 0;
  std::set<std::string> resend_errors_;
};

}  // namespace shelfnode::bench
