#include "fault/sync_property/resend_check.h"

#include <set>

namespace shelfnode::sync_property {
namespace {

enum class Access { kOther, kDelta, kSet, kRead };

bool starts_with(const std::string& s, const char* prefix) {
  return s.rfind(prefix, 0) == 0;
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

Access access_of(const LoggedRequest& r) {
  const std::string& p = r.path;
  if (p == "/stores/v2/inventoryItems/increment" || p == "/stores/v2/inventoryItems/decrement" ||
      starts_with(p, "/stores/v3/bulk/inventory-items/increment") ||
      starts_with(p, "/stores/v3/bulk/inventory-items/decrement")) {
    return Access::kDelta;
  }
  if ((r.method == "PATCH" && (starts_with(p, "/stores/v2/inventoryItems/") ||
                               starts_with(p, "/stores/v3/inventory-items/"))) ||
      p == "/stores/v3/bulk/inventory-items/update") {
    return Access::kSet;
  }
  if (ends_with(p, "/inventoryItems/query") || ends_with(p, "/getVariants") ||
      p == "/stores/v3/inventory-items/query" || p == "/stores/v3/inventory-items/search") {
    return Access::kRead;
  }
  return Access::kOther;
}

// Whether the device could know what became of the request (DESIGN §4.5 outcome classes).
bool outcome_unknown(const LoggedRequest& r) {
  if (r.synthetic || !r.status) return true;  // no answer at all
  if (r.fault == "drop_after_apply" || r.fault == "reset_mid_response") return true;
  const long s = *r.status;
  // A success the device could not read; a 4xx cut short is still a refusal.
  if (s >= 200 && s < 300) return r.fault == "truncated_json" || r.fault == "html";
  return s >= 500 && s != 503;
}

const cJSON* member(const cJSON* o, const char* name) {
  return o == nullptr ? nullptr : cJSON_GetObjectItemCaseSensitive(o, name);
}

std::string text_of(const cJSON* o, const char* name) {
  const cJSON* v = member(o, name);
  return cJSON_IsString(v) ? v->valuestring : "";
}

// The variants a write names: V1 "product:variant", V3 the variant ID.
std::set<std::string> written_keys(const LoggedRequest& r, const WixLog& log,
                                   const ResendFacts& facts) {
  std::set<std::string> keys;
  auto add_item = [&](const std::string& item) {
    auto it = facts.variant_of_item.find(item);
    keys.insert(it == facts.variant_of_item.end() ? "item:" + item : it->second);
  };
  const cJSON* e = nullptr;
  for (const char* list : {"incrementData", "decrementData"}) {
    cJSON_ArrayForEach(e, member(r.body, list)) {
      if (facts.v3) {
        add_item(text_of(e, "inventoryItemId"));
      } else {
        keys.insert(text_of(e, "productId") + ":" + text_of(e, "variantId"));
      }
    }
  }
  cJSON_ArrayForEach(e, member(r.body, "inventoryItems")) {
    add_item(text_of(member(e, "inventoryItem"), "id"));
  }
  if (!facts.v3 && starts_with(r.path, "/stores/v2/inventoryItems/product/")) {
    const std::string product =
        r.path.substr(std::string("/stores/v2/inventoryItems/product/").size());
    cJSON_ArrayForEach(e, member(member(r.body, "inventoryItem"), "variants")) {
      keys.insert(product + ":" + text_of(e, "variantId"));
    }
  }
  for (const LoggedWrite& w : log.writes) {
    if (w.request_id != r.id || w.source != "api") continue;
    keys.insert(facts.v3 ? w.variant_id : w.product_id + ":" + w.variant_id);
  }
  return keys;
}

// A read that answered in full: which variants it covers ("*" = all, a crawl of everything).
std::set<std::string> read_keys(const LoggedRequest& r, const ResendFacts& facts) {
  if (!r.status || *r.status != 200 || (!r.fault.empty() && r.fault != "latency")) return {};
  const cJSON* query = member(r.body, "query");
  if (facts.v3) {
    const cJSON* filter = member(query, "filter");
    const cJSON* in = member(member(filter, "variantId"), "$in");
    if (!cJSON_IsArray(in)) return {"*"};  // the location crawl, or a later cursor page
    std::set<std::string> keys;
    const cJSON* v = nullptr;
    cJSON_ArrayForEach(v, in) {
      if (cJSON_IsString(v)) keys.insert(v->valuestring);
    }
    return keys;
  }
  // V1: the filter is JSON text; a query without a productId list is the numericId crawl.
  const cJSON* filter_text = member(query, "filter");
  JsonPtr filter = parse_json(cJSON_IsString(filter_text) ? filter_text->valuestring : "{}");
  const cJSON* in = member(member(filter.get(), "productId"), "$in");
  if (ends_with(r.path, "/getVariants")) {
    const std::string marker = "/product/";
    const std::size_t at = r.path.find(marker);
    if (at == std::string::npos) return {"*"};
    const std::size_t from = at + marker.size();
    return {"product:" +
            r.path.substr(from, r.path.size() - from - std::string("/getVariants").size())};
  }
  if (!cJSON_IsArray(in)) return {"*"};
  std::set<std::string> keys;
  const cJSON* v = nullptr;
  cJSON_ArrayForEach(v, in) {
    if (cJSON_IsString(v)) keys.insert(std::string("product:") + v->valuestring);
  }
  return keys;
}

bool covers(const std::set<std::string>& read, const std::string& key, bool v3) {
  if (read.count("*") != 0 || read.count(key) != 0) return true;
  if (v3) return false;
  return read.count("product:" + key.substr(0, key.find(':'))) != 0;
}

bool cut_off_by_kill(const LoggedRequest& r, const ResendFacts& facts) {
  for (const KilledRun& k : facts.killed) {
    if (r.id <= k.after_id || r.id > k.last_id) continue;
    if (r.synthetic) return true;
    auto sleep = facts.latency_ms.find(r.fault_id);
    if (r.fault != "latency" || sleep == facts.latency_ms.end()) return false;
    // The answer went out no earlier than start + sleep; a few ms of margin for clocks.
    const double start = static_cast<double>(r.end_ms) - r.duration_ms;
    return static_cast<double>(k.kill_ms) + 5 < start + sleep->second;
  }
  return false;
}

}  // namespace

ResendReport check_no_resend(const WixLog& log, const ResendFacts& facts) {
  ResendReport report;
  const std::vector<LoggedRequest>& rs = log.requests;
  for (std::size_t i = 0; i < rs.size(); ++i) {
    const Access a = access_of(rs[i]);
    if (a != Access::kDelta && a != Access::kSet) continue;
    const bool killed = cut_off_by_kill(rs[i], facts);
    if (!outcome_unknown(rs[i]) && !killed) continue;
    ++report.uncertain_writes;
    if (killed) ++report.cut_by_kill;
    std::set<std::string> open = written_keys(rs[i], log, facts);
    for (std::size_t j = i + 1; j < rs.size() && !open.empty(); ++j) {
      const Access b = access_of(rs[j]);
      if (b == Access::kRead) {
        const std::set<std::string> read = read_keys(rs[j], facts);
        for (auto it = open.begin(); it != open.end();) {
          it = covers(read, *it, facts.v3) ? open.erase(it) : std::next(it);
        }
      } else if (b == Access::kDelta) {
        for (const std::string& key : written_keys(rs[j], log, facts)) {
          if (open.count(key) == 0) continue;
          report.errors.push_back("variant " + key +
                                  ": a delta was sent again before any read of it, after a write "
                                  "whose outcome the device could not know" +
                                  (killed ? " (process killed)" : "") + ":\n    uncertain: " +
                                  describe(rs[i]) + "\n    resent:    " + describe(rs[j]));
          open.erase(key);
        }
      }
    }
  }
  return report;
}

}  // namespace shelfnode::sync_property
