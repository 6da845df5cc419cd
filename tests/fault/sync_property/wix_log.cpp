#include "fault/sync_property/wix_log.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <map>

namespace shelfnode::sync_property {
namespace {

std::string text(const cJSON* o, const char* name) {
  const cJSON* v = cJSON_GetObjectItemCaseSensitive(o, name);
  return cJSON_IsString(v) ? v->valuestring : "";
}

std::optional<long> number(const cJSON* o, const char* name) {
  const cJSON* v = cJSON_GetObjectItemCaseSensitive(o, name);
  if (!cJSON_IsNumber(v)) return std::nullopt;
  return static_cast<long>(v->valuedouble);
}

std::int64_t write_number(const std::string& id) {
  return id.size() > 2 ? std::stoll(id.substr(2)) : 0;
}

// A path the emulator recorded for a write whose request was never logged ("POST /x").
void split_route(const std::string& route, LoggedRequest& r) {
  const std::size_t space = route.find(' ');
  if (space == std::string::npos) {
    r.path = route;
    return;
  }
  r.method = route.substr(0, space);
  r.path = route.substr(space + 1);
}

}  // namespace

std::int64_t parse_utc_ms(const std::string& text) {
  std::tm tm{};
  int ms = 0;
  if (std::sscanf(text.c_str(), "%d-%d-%dT%d:%d:%d.%dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &ms) != 7) {
    return 0;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<std::int64_t>(timegm(&tm)) * 1000 + ms;
}

bool fetch_wix_log(testing::EmulatorAdmin& admin, const std::string& site,
                   std::int64_t since_request, WixLog& log, std::string& why,
                   std::int64_t since_write) {
  log.requests_doc =
      admin.json("GET", "/_emulator/requests?since=" + std::to_string(since_request), "", why);
  if (!log.requests_doc) return false;
  log.writes_doc = admin.json(
      "GET", "/_emulator/writes?site=" + site + "&since=" + std::to_string(since_write), "", why);
  if (!log.writes_doc) return false;

  std::map<std::int64_t, LoggedRequest> by_id;
  const cJSON* r = nullptr;
  cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(log.requests_doc.get(), "requests")) {
    LoggedRequest q;
    q.id = number(r, "id").value_or(0);
    q.method = text(r, "method");
    q.path = text(r, "path");
    const cJSON* body = cJSON_GetObjectItemCaseSensitive(r, "body");
    q.body = cJSON_IsNull(body) ? nullptr : body;
    q.status = number(r, "status");
    q.handled = number(r, "handledStatus");
    q.fault = text(r, "fault");
    q.end_ms = parse_utc_ms(text(r, "time"));
    const cJSON* took = cJSON_GetObjectItemCaseSensitive(r, "durationMs");
    q.duration_ms = cJSON_IsNumber(took) ? took->valuedouble : 0;
    q.fault_id = text(r, "faultId");
    by_id.emplace(q.id, q);
  }
  const cJSON* w = nullptr;
  cJSON_ArrayForEach(w, cJSON_GetObjectItemCaseSensitive(log.writes_doc.get(), "writes")) {
    LoggedWrite e;
    e.id = write_number(text(w, "id"));
    e.request_id = number(w, "requestId").value_or(0);
    e.source = text(w, "source");
    e.kind = text(w, "kind");
    e.sku = text(w, "sku");
    e.product_id = text(w, "productId");
    e.variant_id = text(w, "variantId");
    e.item_id = text(w, "inventoryItemId");
    e.location_id = text(w, "locationId");
    e.amount = number(w, "amount").value_or(0);
    e.before = number(w, "before").value_or(0);
    e.after = number(w, "after").value_or(0);
    log.writes.push_back(e);
    // A device write whose answer was never logged (its process was killed and the emulator
    // could not send the answer): the writes log still names the request.
    if (e.source == "api" && e.request_id > since_request && by_id.count(e.request_id) == 0) {
      LoggedRequest q;
      q.id = e.request_id;
      split_route(text(w, "route"), q);
      q.synthetic = true;
      by_id.emplace(q.id, q);
    }
  }
  for (auto& [id, q] : by_id) log.requests.push_back(q);
  return true;
}

std::int64_t last_request_id(testing::EmulatorAdmin& admin, std::int64_t since,
                             std::int64_t since_write) {
  std::string why;
  JsonPtr doc = admin.json("GET", "/_emulator/requests?since=" + std::to_string(since), "", why);
  std::int64_t last = since;
  const cJSON* r = nullptr;
  cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(doc.get(), "requests")) {
    last = std::max<std::int64_t>(last, number(r, "id").value_or(0));
  }
  // A request whose answer could not be sent (its client was killed) is missing from the
  // request log, but a write it made names it.
  JsonPtr writes =
      admin.json("GET", "/_emulator/writes?since=" + std::to_string(since_write), "", why);
  cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(writes.get(), "writes")) {
    last = std::max<std::int64_t>(last, number(r, "requestId").value_or(0));
  }
  return last;
}

std::int64_t last_write_id(testing::EmulatorAdmin& admin) {
  std::string why;
  JsonPtr doc = admin.json("GET", "/_emulator/writes", "", why);
  std::int64_t last = 0;
  const cJSON* w = nullptr;
  cJSON_ArrayForEach(w, cJSON_GetObjectItemCaseSensitive(doc.get(), "writes")) {
    last = std::max(last, write_number(text(w, "id")));
  }
  return last;
}

std::string describe(const LoggedRequest& r, std::size_t max_body) {
  std::string out = "#" + std::to_string(r.id) + " " + r.method + " " + r.path;
  out += " status=" + (r.status ? std::to_string(*r.status) : std::string("none"));
  out += " handled=" + (r.handled ? std::to_string(*r.handled) : std::string("none"));
  if (!r.fault.empty()) out += " fault=" + r.fault;
  if (r.synthetic) out += " (answer never logged)";
  if (r.body != nullptr) {
    std::string body = to_json_text(r.body);
    if (body.size() > max_body) body = body.substr(0, max_body) + "…";
    out += " body=" + body;
  }
  return out;
}

}  // namespace shelfnode::sync_property
