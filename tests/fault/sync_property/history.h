#pragma once

// One seeded random history of a device synced against the emulator (see
// sync_property_test.cpp for the method). A History drives the real binary and the emulator's
// admin routes, remembers what it was promised, then checks the end state.

#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "fault/sync_property/resend_check.h"
#include "fault/sync_property/wix_log.h"
#include "support/emulator_admin.h"
#include "support/process.h"
#include "support/wix_emulator.h"

namespace shelfnode::sync_property {

struct SiteSpec {
  std::string id;
  std::string key;
  bool v3 = false;
  std::vector<std::string> tracked;  // one tracked variant each: pushed once managed
  std::vector<std::string> parked;   // never written: untracked, shared SKU, no inventory item
};
const SiteSpec& v1_site();
const SiteSpec& v3_site();

// One Wix variant as the emulator's inventory shows it (V3: its default-location item).
struct VariantRow {
  std::string sku;
  std::string product_id;
  std::string variant_id;
  std::string item_id;  // V3 default-location item ("" = none)
  bool tracked = false;
  std::optional<std::int64_t> quantity;
  std::string key() const { return product_id + ":" + variant_id; }
};

// An acknowledged local movement: one "OK <uuid> <sku> <qty> (...)" line.
struct Ack {
  std::string uuid;
  std::string sku;
  std::string warehouse;
  std::string kind;  // receive, sell, count, move_out, move_in
  std::int64_t qty = 0;
};

struct OrderLineRec {
  std::string line_id;
  std::string variant_key;
  std::string sku;
  std::int64_t qty = 0;
};

struct OrderRec {
  std::string id;
  std::vector<OrderLineRec> lines;
  bool canceled = false;
  bool restocked = false;
};

struct SyncOutcome {
  int exit_code = -1;
  std::string out;
  std::string err;
  bool killed = false;
};

class History {
 public:
  // `devices` keeps one connected data dir per site, made by the first history of that site.
  History(std::uint64_t seed, const testing::WixEmulator& emulator, testing::EmulatorAdmin& admin,
          const testing::TempDir& devices);

  // Runs the history and checks it. Returns the failures (empty = the history passed).
  std::vector<std::string> run();
  // Observations that are not failures (e.g. drift the final reconciliation repaired).
  const std::vector<std::string>& notes() const { return notes_; }
  const SiteSpec& site() const { return site_; }
  int sync_runs() const { return sync_runs_; }
  int kills() const { return static_cast<int>(resend_facts_.killed.size()); }
  int uncertain_writes() const { return uncertain_writes_; }
  int writes_cut_by_kill() const { return writes_cut_by_kill_; }

 private:
  // history_setup.cpp
  bool setup();
  bool make_device(const std::string& dir);
  bool load_variants();
  // history_steps.cpp
  void step(int index);
  void local_movement();
  void flip_mapping();
  void checkout();
  void cancel();
  void inject_fault();
  void add_fault(const std::string& spec);  // remembers latency faults' sleeps
  void toggle_outage();
  void sync_to_end(const std::vector<std::string>& extra);
  void sync_killed();
  // history_sync.cpp
  SyncOutcome run_sync(const std::vector<std::string>& extra, std::optional<int> kill_after_ms);
  void note_managed(const std::string& sku);
  bool refresh_managed();
  bool final_rounds();
  // history_checks.cpp
  bool fetch_end_state();
  void check_wix();
  void check_ledger();
  void explain_drift(
      const std::map<std::string, std::string>& state,
      const std::map<std::string, std::string>& note,
      const std::map<std::string, std::pair<const OrderRec*, const OrderLineRec*>>& lines);
  void check_no_resend();

  void fail(const std::string& what);
  std::string json_admin(const std::string& method, const std::string& path,
                         const std::string& body, int expect_status = 200);
  std::string script() const;
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  int between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool chance(int percent) { return pick(100) < percent; }

  std::uint64_t seed_;
  std::mt19937_64 rng_;
  const testing::WixEmulator& emulator_;
  testing::EmulatorAdmin& admin_;
  const testing::TempDir& devices_;
  SiteSpec site_;
  testing::TempDir dir_;
  std::string data_;  // the data dir
  std::vector<std::string> failures_;
  std::vector<std::string> notes_;
  std::vector<std::string> steps_;  // what the history did, for failure messages

  std::map<std::string, std::vector<VariantRow>> variants_;  // by SKU, as at the start
  std::map<std::string, std::int64_t> online_delta_;         // by variant key: checkouts, restocks
  std::map<std::string, bool> mapped_{{"shop", true}, {"backroom", true}, {"depot", false}};
  std::set<std::string> managed_;                        // per the device, after each change
  std::map<std::string, std::int64_t> unmanaged_since_;  // SKU -> last write ID when it left
  std::vector<Ack> acks_;
  std::vector<OrderRec> orders_;
  bool outage_ = false;
  std::int64_t first_request_ = 0;  // request IDs of this history are above it
  std::int64_t last_request_ = 0;
  std::set<std::string> drifted_;  // SKUs the final reconciliation found drifted
  std::string drift_log_;          // its sync.drift log lines
  ResendFacts resend_facts_;       // V3 item -> variant, killed runs, latency faults: check (b)
  WixLog log_;                     // the emulator's logs at the end of the history
  JsonPtr stock_;                  // `stock --json` at the end of the history
  JsonPtr wix_;                    // the emulator's inventory at the end of the history
  int sync_runs_ = 0;
  int uncertain_writes_ = 0;
  int writes_cut_by_kill_ = 0;
};

}  // namespace shelfnode::sync_property
