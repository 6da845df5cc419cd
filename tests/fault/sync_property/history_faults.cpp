// Faults of every kind the emulator has (tools/wix-emulator/README.md "Faults") on the
// device's write paths, its inventory reads and the orders search, and outages.
//
// `apply: true` is only put on answers the device must treat as "may have landed" (a 5xx
// other than 503, an HTML page with 200). A 429 or 503 says "not processed" [R9] and the
// device may resend what it sent: a server that applied it anyway would be lying, and no
// client could avoid applying that change twice.
#include <algorithm>

#include "fault/sync_property/history.h"

namespace shelfnode::sync_property {
namespace {

struct Target {
  const char* method;  // nullptr = any
  const char* path;
};

const Target kV1Writes[] = {{"POST", "/stores/v2/inventoryItems/increment"},
                            {"POST", "/stores/v2/inventoryItems/decrement"},
                            {"PATCH", "/stores/v2/inventoryItems/product/*"}};
const Target kV3Writes[] = {{"POST", "/stores/v3/bulk/inventory-items/increment"},
                            {"POST", "/stores/v3/bulk/inventory-items/decrement"},
                            {"POST", "/stores/v3/bulk/inventory-items/update"}};
// Every delta (V1) and every write (V3) at once.
const Target kV1Deltas{"POST", "/stores/v2/inventoryItems/*crement"};
const Target kV3AllWrites{"POST", "/stores/v3/bulk/inventory-items/*"};
const Target kV1Read{"POST", "/stores-reader/v2/inventoryItems/query"};
const Target kV3Read{"POST", "/stores/v3/inventory-items/query"};
const Target kOrders{"POST", "/ecom/v1/orders/search"};
const Target kAny{nullptr, "/*"};

const char* const kKinds[] = {"latency",
                              "429",
                              "500",
                              "502",
                              "503",
                              "504",
                              "http",
                              "drop",
                              "drop_after_apply",
                              "reset_mid_response",
                              "truncated_json",
                              "html"};

const char* const kUnknownOutcome[] = {
    "drop_after_apply", "reset_mid_response", "truncated_json", "500", "502", "504", "drop"};

// Outages: every request fails and nothing is applied.
const char* const kOutageKinds[] = {"503", "drop", "500", "502", "504", "html"};

}  // namespace

void History::inject_fault() {
  const int where = pick(100);
  Target t = kAny;
  if (where < 30) {
    t = site_.v3 ? kV3AllWrites : kV1Deltas;
  } else if (where < 60) {
    t = site_.v3 ? kV3Writes[pick(3)] : kV1Writes[pick(3)];
  } else if (where < 75) {
    t = site_.v3 ? kV3Read : kV1Read;
  } else if (where < 92) {
    t = kOrders;
  }
  // Writes get faults that leave their outcome unknown more often: those are what the
  // engine must never resend.
  const bool write = where < 60;
  const std::string kind = write && chance(50)
                               ? kUnknownOutcome[pick(static_cast<int>(std::size(kUnknownOutcome)))]
                               : kKinds[pick(static_cast<int>(std::size(kKinds)))];
  int count = between(1, 3);
  std::string spec = "\"kind\":\"" + kind + "\",\"path\":\"" + t.path + "\"";
  if (t.method != nullptr) spec += std::string(",\"method\":\"") + t.method + "\"";
  if (chance(40)) spec += ",\"skip\":" + std::to_string(between(1, 2));
  if (kind == "latency") {
    const int ms = between(30, 200);
    spec += ",\"ms\":" + std::to_string(ms);
  } else if (kind == "429") {
    const int r = pick(100);
    if (r >= 85) {
      spec += ",\"retryAfter\":1";  // a real wait: keep it to one call
      count = 1;
    } else if (r >= 50) {
      spec += ",\"retryAfter\":0";
    }
  } else if (kind == "500" || kind == "502" || kind == "504") {
    if (chance(write ? 70 : 30)) spec += ",\"apply\":true";
  } else if (kind == "http") {
    static const int kStatuses[] = {400, 404, 408, 409, 500, 501, 504};
    const int status = kStatuses[pick(static_cast<int>(std::size(kStatuses)))];
    spec += ",\"status\":" + std::to_string(status);
    if (status >= 500 && chance(50)) spec += ",\"apply\":true";
  } else if (kind == "html") {
    static const int kStatuses[] = {200, 404, 502};
    const int status = kStatuses[pick(3)];
    spec += ",\"status\":" + std::to_string(status);
    if (status != 404 && chance(50)) spec += ",\"apply\":true";
  }
  spec = "{" + spec + ",\"count\":" + std::to_string(count) + "}";
  steps_.push_back("fault " + spec);
  add_fault(spec);
}

void History::add_fault(const std::string& spec) {
  JsonPtr added = parse_json(json_admin("POST", "/_emulator/faults", spec));
  const cJSON* f = nullptr;
  cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(added.get(), "faults")) {
    const cJSON* id = cJSON_GetObjectItemCaseSensitive(f, "id");
    const cJSON* ms = cJSON_GetObjectItemCaseSensitive(f, "ms");
    if (cJSON_IsString(id) && cJSON_IsNumber(ms) && ms->valueint > 0) {
      resend_facts_.latency_ms[id->valuestring] = ms->valueint;
    }
  }
}

void History::toggle_outage() {
  if (outage_) {
    steps_.push_back("outage over (every fault cleared)");
    json_admin("DELETE", "/_emulator/faults", "");
    outage_ = false;
    return;
  }
  const std::string kind = kOutageKinds[pick(static_cast<int>(std::size(kOutageKinds)))];
  std::string spec = "{\"kind\":\"" + kind + "\",\"path\":\"/*\",\"count\":100000";
  if (kind == "html") spec += ",\"status\":502";
  spec += "}";
  // Faults added earlier would own the calls they match before the outage does.
  steps_.push_back("outage " + spec + " (earlier faults cleared)");
  json_admin("DELETE", "/_emulator/faults", "");
  json_admin("POST", "/_emulator/faults", spec);
  outage_ = true;
}

}  // namespace shelfnode::sync_property
