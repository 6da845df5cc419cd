// `sync` runs of a history: to the end, killed with SIGKILL at a random moment, and the final
// rounds that must converge once the faults are gone.
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <thread>

#include "fault/sync_property/history.h"
#include "fault/sync_property/killed_sync.h"
#include "fault/sync_property/wix_log.h"

namespace shelfnode::sync_property {
namespace {

constexpr int kFinalRounds = 6;

std::string describe(const SyncOutcome& o) {
  return "exit " + std::to_string(o.exit_code) + "\n--- stdout:\n" + o.out +
         "--- stderr (last 3000 bytes):\n" +
         (o.err.size() > 3000 ? o.err.substr(o.err.size() - 3000) : o.err);
}

const cJSON* member(const JsonPtr& doc, const char* name) {
  return cJSON_GetObjectItemCaseSensitive(doc.get(), name);
}

// The lines of `text` that contain `needle`.
std::string lines_with(const std::string& text, const std::string& needle) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    if (line.find(needle) != std::string::npos) out += "    " + line + "\n";
    start = end + 1;
  }
  return out;
}

}  // namespace

SyncOutcome History::run_sync(const std::vector<std::string>& extra,
                              std::optional<int> kill_after_ms) {
  ++sync_runs_;
  std::vector<std::string> argv{testing::shelfnode_bin(), "--data-dir", data_, "sync", "--json"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  testing::ChildSetup setup;
  setup.stderr_path = dir_.file("sync.err");
  SyncOutcome o;
  const std::int64_t after = last_request_;
  std::int64_t kill_ms = 0;
  const std::map<std::string, LatencyFault> latency_before =
      kill_after_ms ? pending_latency(admin_) : std::map<std::string, LatencyFault>{};
  {
    testing::Child child(argv, setup);
    if (kill_after_ms) {
      std::this_thread::sleep_for(std::chrono::milliseconds(*kill_after_ms));
      kill_ms = wall_ms();
      child.kill_now(SIGKILL);
      o.exit_code = child.wait(10'000);
      o.out = child.read_rest(1'000);
    } else {
      o.out = child.read_rest(60'000);
      o.exit_code = child.wait(5'000);
      if (o.exit_code == -1) fail("`sync` did not finish within 60 s; killed");
    }
  }
  o.err = testing::read_file(setup.stderr_path);
  o.killed = kill_after_ms.has_value() && o.exit_code == 128 + SIGKILL;
  if (o.killed) settle_after_kill(admin_, kill_ms, latency_before, last_request_);
  last_request_ = last_request_id(admin_, last_request_);
  if (o.killed) resend_facts_.killed.push_back({after, last_request_, kill_ms});
  // 65: only parked SKUs are left (they need the owner, not a retry).
  if (!o.killed && o.exit_code != 0 && o.exit_code != 65 && o.exit_code != 75) {
    fail("`sync` exited " + std::to_string(o.exit_code) + " (want 0, 65 or 75):\n" +
         describe(o));
  }
  return o;
}

void History::sync_to_end(const std::vector<std::string>& extra) {
  std::string what = "sync";
  for (const std::string& e : extra) what += " " + e;
  const SyncOutcome o = run_sync(extra, std::nullopt);
  steps_.push_back(what + " -> exit " + std::to_string(o.exit_code));
  if (o.exit_code != 0 && o.exit_code != 65 && o.exit_code != 75) return;
  JsonPtr doc = parse_json(o.out);
  if (!doc) {
    fail("`sync --json` printed no JSON:\n" + describe(o));
  } else if (outage_ && o.exit_code != 75) {
    fail("`sync` during an outage exited " + std::to_string(o.exit_code) + ", want 75:\n" +
         describe(o));
  }
}

void History::sync_killed() {
  std::string what = "sync, killed";
  if (chance(60)) {
    // Widens the window in which a request is in flight when the kill comes: any request,
    // or the writes (where a kill leaves an outcome the device cannot know).
    const int ms = between(40, 220);
    const char* path = chance(50) ? "/*"
                       : site_.v3 ? "/stores/v3/bulk/inventory-items/*"
                                  : "/stores/v2/inventoryItems/*crement";
    const std::string spec = "{\"kind\":\"latency\",\"path\":\"" + std::string(path) +
                             "\",\"ms\":" + std::to_string(ms) +
                             ",\"count\":" + std::to_string(between(1, 3)) +
                             ",\"skip\":" + std::to_string(between(0, 2)) + "}";
    what += " (fault " + spec + ")";
    add_fault(spec);
  }
  const int after = between(0, 150);
  const SyncOutcome o = run_sync({}, after);
  steps_.push_back(what + " after " + std::to_string(after) + " ms -> " +
                   (o.killed ? "killed" : "exit " + std::to_string(o.exit_code)));
}

void History::note_managed(const std::string& sku) {
  managed_.insert(sku);
  unmanaged_since_.erase(sku);
}

bool History::refresh_managed() {
  const testing::RunResult r = testing::shelfnode(data_, {"stock", "--json"});
  JsonPtr doc = parse_json(r.out);
  if (r.exit_code != 0 || !doc) {
    fail("`stock --json` exited " + std::to_string(r.exit_code) + ":\n" + r.out + r.err);
    return false;
  }
  std::set<std::string> now;
  const cJSON* s = nullptr;
  cJSON_ArrayForEach(s, member(doc, "skus")) {
    if (!cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(s, "managed"))) continue;
    now.insert(cJSON_GetObjectItemCaseSensitive(s, "sku")->valuestring);
  }
  const std::int64_t last_write = last_write_id(admin_);
  for (const std::string& sku : managed_) {
    if (now.count(sku) == 0) unmanaged_since_[sku] = last_write;
  }
  for (const std::string& sku : now) note_managed(sku);
  managed_ = std::move(now);
  return true;
}

// Every fault cleared: one round with a reconciliation (which also lifts parks Wix caused,
// e.g. by an injected 4xx), whose drift is reported, then plain rounds until converged.
bool History::final_rounds() {
  steps_.push_back("final: every fault cleared");
  json_admin("DELETE", "/_emulator/faults", "");
  outage_ = false;
  auto converged = [&](const SyncOutcome& o) {
    JsonPtr doc = parse_json(o.out);
    if (!doc || (o.exit_code != 0 && o.exit_code != 65)) return false;
    if (cJSON_GetArraySize(member(doc, "pending")) != 0) return false;
    if (!cJSON_IsNull(member(doc, "problem"))) return false;
    const cJSON* p = nullptr;
    cJSON_ArrayForEach(p, member(doc, "parked")) {
      const std::string sku = cJSON_GetObjectItemCaseSensitive(p, "sku")->valuestring;
      if (std::find(site_.parked.begin(), site_.parked.end(), sku) == site_.parked.end()) {
        return false;
      }
    }
    // Nothing pending: 65 exactly when a SKU waits for the owner.
    return o.exit_code == (cJSON_GetArraySize(member(doc, "parked")) > 0 ? 65 : 0);
  };
  SyncOutcome o = run_sync({"--reconcile", "--retry-parked"}, std::nullopt);
  steps_.push_back("final sync --reconcile --retry-parked -> exit " + std::to_string(o.exit_code));
  JsonPtr doc = parse_json(o.out);
  const cJSON* drift = member(doc, "drift_found");
  if (cJSON_IsNumber(drift) && drift->valueint > 0) {
    drift_log_ = lines_with(o.err, "event=sync.drift");
    const std::string field = " sku=";
    for (std::size_t at = drift_log_.find(field); at != std::string::npos;
         at = drift_log_.find(field, at + 1)) {
      const std::size_t from = at + field.size();
      drifted_.insert(drift_log_.substr(from, drift_log_.find(' ', from) - from));
    }
    if (static_cast<int>(drifted_.size()) != drift->valueint) {
      fail("the final reconciliation reported drift_found " + std::to_string(drift->valueint) +
           " but logged " + std::to_string(drifted_.size()) + " sync.drift line(s):\n" +
           describe(o));
    }
  }
  for (int round = 1; round < kFinalRounds && !converged(o) && failures_.empty(); ++round) {
    o = run_sync({}, std::nullopt);
    steps_.push_back("final sync -> exit " + std::to_string(o.exit_code));
  }
  if (!failures_.empty()) return false;
  if (!converged(o)) {
    fail("the device did not converge within " + std::to_string(kFinalRounds) +
         " rounds once the faults were gone; the last `sync --json`:\n" + describe(o));
    return false;
  }
  return true;
}

}  // namespace shelfnode::sync_property
