#include "soak_wix.h"

#include <signal.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "fault/durability/fault_env.h"
#include "fault/sync_property/killed_sync.h"
#include "fault/sync_property/wix_log.h"
#include "support/process.h"
#include "support/wix_device.h"

namespace shelfnode::bench {
namespace {

constexpr const char* kSite = "5a0c4e11-6b2d-4f3a-9c8e-7d1f0a2b3c4d";
constexpr const char* kKey = "IST.soak-full-access-1e57";
constexpr int kSyncTimeoutMs = 60'000;
// The emulator keeps the last 5000 requests; a check window must stay well inside that.
constexpr std::size_t kRequestLogLimit = 5000;

const cJSON* member(const cJSON* o, const char* name) {
  return cJSON_GetObjectItemCaseSensitive(o, name);
}

std::string text(const cJSON* o, const char* name) {
  const cJSON* v = member(o, name);
  return cJSON_IsString(v) ? v->valuestring : "";
}

// The durability shop's SKUs (fault::sku_name), each one tracked V1 product at 0.
std::string fixture_json() {
  std::string products;
  for (int i = 1; i <= fault::kSkuCount; ++i) {
    products += std::string(i > 1 ? "," : "") + "{\"name\":\"Item " + std::to_string(i) +
                "\",\"sku\":\"" + fault::sku_name(i) + "\",\"price\":1,\"quantity\":0}";
  }
  return std::string("{\"keys\":[{\"key\":\"") + kKey + "\",\"name\":\"soak\",\"sites\":[\"" +
         kSite + "\"],\"permissions\":[\"*\"]}],\"sites\":[{\"id\":\"" + kSite +
         "\",\"name\":\"Soak shop\",\"catalogVersion\":\"V1_CATALOG\",\"currency\":\"USD\","
         "\"products\":[" +
         products + "],\"orders\":[]}]}";
}

// What a call does in its round (src/sync/README.md "One round"), given the calls before it:
// orders, then a read back of what is in doubt, then the pushes, then the settle passes
// (orders again, read back, a delta from the fresh read).
class Phases {
 public:
  std::string of(const std::string& path) {
    if (path.find("/orders/search") != std::string::npos) {
      return read_ || pushed_ ? "settling (orders pull)" : "pulling orders";
    }
    if (path.find("crement") != std::string::npos) {
      pushed_ = true;
      return read_ ? "pushing (after a read back)" : "pushing";
    }
    if (path.find("/stores/v2/inventoryItems") != std::string::npos) {
      read_ = true;
      return pushed_ ? "settling (read back)" : "reading back what is in doubt";
    }
    return "at startup";
  }

 private:
  bool read_ = false;
  bool pushed_ = false;
};

}  // namespace

std::string SyncPlan::describe() const {
  std::string out = "kill_after_ms=" + std::to_string(kill_after_ms);
  if (!latency_path.empty()) {
    out += " latency=" + std::to_string(latency_ms) + "ms path=" + latency_path +
           " count=" + std::to_string(latency_count) + " skip=" + std::to_string(latency_skip);
  }
  return out;
}

SyncPlan plan_sync(std::mt19937_64& rng) {
  static const char* const kPaths[] = {
      "/ecom/v1/orders/search",              // pulling orders (and the settle's pull)
      "/stores/v2/inventoryItems/*crement",  // pushing (V1 settles with a delta too)
      "/stores/v2/inventoryItems/*crement",
      "/stores-reader/v2/inventoryItems/query",  // reading back what is in doubt
  };
  SyncPlan p;
  // A `sync` needs about 20 ms before its first call (process start, database, TLS).
  p.kill_after_ms = 5 + static_cast<int>(rng() % 80);
  if (rng() % 4 != 0) {
    p.latency_path = kPaths[rng() % (sizeof kPaths / sizeof kPaths[0])];
    p.latency_ms = 20 + static_cast<int>(rng() % 70);
    p.latency_count = 1 + static_cast<int>(rng() % 2);
    p.latency_skip = static_cast<int>(rng() % 2);
  }
  return p;
}

std::string SoakWix::start(const std::string& dir) {
  dir_ = dir;
  const std::string fixture = dir + "/soak-store.json";
  testing::write_file(fixture, fixture_json());
  // No server-side rate limit: 10,000 points make far more calls than 200 a minute.
  const std::string why = emulator_.start({"--fixture", fixture, "--rate-limit", "0"});
  if (!why.empty()) return "the Wix emulator: " + why;
  admin_ = std::make_unique<testing::EmulatorAdmin>(emulator_);
  return "";
}

int SoakWix::run_sync(const std::string& data_dir, int timeout_ms, std::string& out) {
  testing::ChildSetup setup;
  setup.stderr_path = dir_ + "/sync.err";
  testing::Child child(fault::shelfnode_argv(data_dir, {"sync", "--json"}), setup);
  out = child.read_rest(timeout_ms);
  return child.wait(5'000);  // -1: still running; the destructor kills and reaps it
}

std::string SoakWix::connect(const std::string& data_dir) {
  std::string why = testing::connect_device(data_dir, emulator_, kSite, kKey);
  // The device's own limit at Wix's ceiling, and short backoffs: the soak makes many calls.
  if (why.empty()) why = testing::set_wix_config(data_dir, 200, 20);
  if (!why.empty()) return why;
  const testing::RunResult pull = testing::shelfnode(data_dir, {"catalog", "pull"});
  if (pull.exit_code != 0) {
    return "`catalog pull` exited " + std::to_string(pull.exit_code) + ": " + pull.err;
  }
  std::string out;
  const int code = run_sync(data_dir, kSyncTimeoutMs, out);
  if (code != 0) return "the first `sync` exited " + std::to_string(code) + ": " + out;
  last_request_ = sync_property::last_request_id(*admin_, 0);
  window_start_ = previous_window_ = last_request_;
  return "";
}

SyncPoint SoakWix::killed_sync(const std::string& data_dir, const SyncPlan& plan) {
  SyncPoint point;
  std::string fault_id, why;
  if (!plan.latency_path.empty()) {
    const std::string spec = "{\"kind\":\"latency\",\"path\":\"" + plan.latency_path +
                             "\",\"ms\":" + std::to_string(plan.latency_ms) +
                             ",\"count\":" + std::to_string(plan.latency_count) +
                             ",\"skip\":" + std::to_string(plan.latency_skip) + "}";
    JsonPtr doc = admin_->json("POST", "/_emulator/faults", spec, why);
    const cJSON* first = cJSON_GetArrayItem(member(doc.get(), "faults"), 0);
    if (first == nullptr) {
      point.problem = "injecting " + spec + ": " + why;
      return point;
    }
    fault_id = text(first, "id");
    facts_.latency_ms[fault_id] = plan.latency_ms;
  }
  const auto latency_before = sync_property::pending_latency(*admin_);
  const std::int64_t after = last_request_;
  std::int64_t kill_ms = 0;
  int code = -1;
  const std::string err_path = dir_ + "/sync-killed.err";
  {
    testing::ChildSetup setup;
    setup.stderr_path = err_path;
    testing::Child child(fault::shelfnode_argv(data_dir, {"sync", "--json"}), setup);
    std::this_thread::sleep_for(std::chrono::milliseconds(plan.kill_after_ms));
    kill_ms = sync_property::wall_ms();
    child.kill_now(SIGKILL);
    code = child.wait(10'000);
  }
  const bool killed = code == 128 + SIGKILL;
  if (killed) {
    sync_property::settle_after_kill(*admin_, kill_ms, latency_before, after, last_write_);
  }
  bool fault_used = false;
  if (!fault_id.empty()) {
    const auto now = sync_property::pending_latency(*admin_);
    auto it = now.find(fault_id);
    fault_used = it == now.end() || it->second.remaining < plan.latency_count;
  }
  // A fault the run never reached must not hit the next point's calls.
  admin_->call("DELETE", "/_emulator/faults");
  observe(after, killed ? kill_ms : 0, fault_used ? fault_id : "", plan, point);
  if (killed) {
    facts_.killed.push_back({after, last_request_, kill_ms});
    return point;
  }
  const std::string err = testing::read_file(err_path);
  if (code == 75 && (err.find("in use by another shelfnode") != std::string::npos ||
                     err.find("a Wix round is already running") != std::string::npos)) {
    point.landed = "refused: data dir locked (75)";
  } else if (code == 0 || code == 65 || code == 75) {
    point.landed = "finished before the kill";
  } else {
    point.landed = "failed";
    point.problem = "`sync` exited " + std::to_string(code) + ": " + err.substr(0, 2000);
  }
  return point;
}

// Reads the calls of the run after request `after` (the request log, and the writes log
// for calls whose answer was never sent) and, when it was killed at `kill_ms`, names the
// phase it died in: the call in flight, else the last call answered.
void SoakWix::observe(std::int64_t after, std::int64_t kill_ms, const std::string& used_fault,
                      const SyncPlan& plan, SyncPoint& point) {
  struct Call {
    std::string path, fault_id;
    std::int64_t end_ms = 0;  // 0: never logged (no answer sent)
  };
  std::map<std::int64_t, Call> calls;
  std::string why;
  JsonPtr requests =
      admin_->json("GET", "/_emulator/requests?since=" + std::to_string(after), "", why);
  const cJSON* r = nullptr;
  cJSON_ArrayForEach(r, member(requests.get(), "requests")) {
    calls[static_cast<std::int64_t>(member(r, "id")->valuedouble)] = {
        text(r, "path"), text(r, "faultId"), sync_property::parse_utc_ms(text(r, "time"))};
  }
  JsonPtr writes =
      admin_->json("GET", "/_emulator/writes?since=" + std::to_string(last_write_), "", why);
  cJSON_ArrayForEach(r, member(writes.get(), "writes")) {
    last_write_ = std::max<std::int64_t>(last_write_, std::stoll(text(r, "id").substr(2)));
    const auto id = static_cast<std::int64_t>(member(r, "requestId")->valuedouble);
    const std::string route = text(r, "route");
    const std::size_t space = route.find(' ');
    if (id > after && calls.count(id) == 0) {
      calls[id] = {route.substr(space + 1), "", 0};
    }
  }
  if (!calls.empty()) last_request_ = std::max(last_request_, calls.rbegin()->first);
  if (kill_ms == 0) return;
  point.landed = "at startup";
  Phases phases;
  bool fault_answered = false;
  for (const auto& [id, c] : calls) {
    fault_answered = fault_answered || (!used_fault.empty() && c.fault_id == used_fault);
    point.landed = phases.of(c.path);
    if (c.end_ms == 0 || c.end_ms > kill_ms) {
      point.in_flight = true;
      return;
    }
  }
  if (!used_fault.empty() && !fault_answered) {
    // Its call slept in the fault when the process died, and no answer was ever logged.
    point.landed = phases.of(plan.latency_path);
    point.in_flight = true;
  }
}

std::vector<std::string> SoakWix::check_resends() {
  sync_property::WixLog log;
  std::string why;
  if (!sync_property::fetch_wix_log(*admin_, kSite, previous_window_, log, why,
                                    previous_window_write_)) {
    return {"reading the emulator's logs: " + why};
  }
  std::size_t logged = 0;
  for (const auto& q : log.requests) logged += q.synthetic ? 0 : 1;
  if (logged >= kRequestLogLimit) {
    return {"the emulator's request log (the last 5000) may have lost calls: check more often"};
  }
  // Windows overlap (the one before and this one), so that a delta resent just after a
  // window's end is still seen after its uncertain write; counts add this window only.
  const sync_property::ResendReport report = sync_property::check_no_resend(log, facts_);
  uncertain_ += report.uncertain_writes - uncertain_in_window_;
  cut_by_kill_ += report.cut_by_kill - cut_in_window_;
  std::vector<std::string> fresh;
  for (const std::string& e : report.errors) {
    if (resend_errors_.insert(e).second) fresh.push_back(e);
  }
  const std::int64_t now = sync_property::last_request_id(*admin_, last_request_, last_write_);
  last_request_ = std::max(last_request_, now);
  uncertain_in_window_ = report.uncertain_writes - uncertain_in_window_;
  cut_in_window_ = report.cut_by_kill - cut_in_window_;
  previous_window_ = window_start_;
  previous_window_write_ = window_start_write_;
  window_start_ = last_request_;
  window_start_write_ = last_write_;
  return fresh;
}

std::vector<std::string> SoakWix::converge(const std::string& data_dir, int rounds,
                                           std::string& summary) {
  std::vector<std::string> bad;
  admin_->call("DELETE", "/_emulator/faults");
  std::string out;
  int code = -1, round = 0;
  while (round < rounds && code != 0) {
    ++round;
    code = run_sync(data_dir, kSyncTimeoutMs, out);
  }
  summary = "`sync` exited " + std::to_string(code) + " after " + std::to_string(round) +
            " clean round(s)";
  if (code != 0) bad.push_back("no convergence: " + summary + "; last output: " + out);
  std::string why;
  JsonPtr inventory =
      admin_->json("GET", std::string("/_emulator/inventory?site=") + kSite, "", why);
  if (!inventory) return {why};
  std::map<std::string, long> wix;
  const cJSON* item = nullptr;
  cJSON_ArrayForEach(item, member(inventory.get(), "items")) {
    const cJSON* q = member(item, "quantity");
    wix[text(item, "sku")] = cJSON_IsNumber(q) ? static_cast<long>(q->valuedouble) : -1;
  }
  // Managed: a stock row in a mapped warehouse; target = max(0, Σ mapped) (the stock rule).
  std::map<std::string, long> target;
  fault::LedgerView view(data_dir);
  for (const std::string& row :
       view.rows("SELECT s.sku, SUM(s.qty) FROM stock s JOIN warehouses w"
                 " ON w.id = s.warehouse_id WHERE w.mapped = 1 GROUP BY s.sku")) {
    const std::size_t bar = row.find('|');
    target[row.substr(0, bar)] = std::max(0L, std::stol(row.substr(bar + 1)));
  }
  if (!view.error().empty()) bad.push_back(view.error());
  int matching = 0;
  for (const auto& [sku, qty] : wix) {
    auto it = target.find(sku);
    const long want = it == target.end() ? 0 : it->second;  // never managed: as in the fixture
    if (qty == want) {
      ++matching;
    } else {
      bad.push_back(sku + ": Wix shows " + std::to_string(qty) + ", want " + std::to_string(want) +
                    (it == target.end() ? " (never managed)" : " = max(0, sum of mapped)"));
    }
  }
  summary += "; " + std::to_string(target.size()) + " managed SKUs, " + std::to_string(matching) +
             " of " + std::to_string(wix.size()) + " Wix SKUs as the ledger says";
  for (const std::string& e : check_resends()) bad.push_back(e);
  return bad;
}

}  // namespace shelfnode::bench
