// The end-state checks of a history (sync_property_test.cpp lists them): (a) Wix shows the
// stock rule for every managed SKU and was left alone for the rest, (b) no change applied
// twice (resend_check.cpp), (c) every acknowledged movement is in the ledger and stock is
// what the history's movements add up to (ledger_check.cpp).
#include <algorithm>

#include "fault/sync_property/history.h"

namespace shelfnode::sync_property {
namespace {

const cJSON* member(const cJSON* o, const char* name) {
  return cJSON_GetObjectItemCaseSensitive(o, name);
}

std::string text(const cJSON* o, const char* name) {
  const cJSON* v = member(o, name);
  return cJSON_IsString(v) ? v->valuestring : "";
}

std::optional<std::int64_t> number(const cJSON* o, const char* name) {
  const cJSON* v = member(o, name);
  if (!cJSON_IsNumber(v)) return std::nullopt;
  return static_cast<std::int64_t>(v->valuedouble);
}

std::string show(std::optional<std::int64_t> v) {
  return v ? std::to_string(*v) : std::string("none");
}

}  // namespace

bool History::fetch_end_state() {
  std::string why;
  if (!fetch_wix_log(admin_, site_.id, first_request_, log_, why)) {
    fail("reading the emulator's logs: " + why);
    return false;
  }
  wix_ = admin_.json("GET", "/_emulator/inventory?site=" + site_.id, "", why);
  const testing::RunResult r = testing::shelfnode(data_, {"stock", "--json"});
  stock_ = parse_json(r.out);
  if (!wix_ || r.exit_code != 0 || !stock_) {
    fail("reading the end state: " + why + " / `stock --json` exited " +
         std::to_string(r.exit_code) + ": " + r.out + r.err);
    return false;
  }
  std::size_t logged = 0;
  for (const LoggedRequest& q : log_.requests) logged += q.synthetic ? 0 : 1;
  if (logged >= 5000) {
    fail(
        "the emulator's request log (the last 5000) may have lost this history's first "
        "requests: keep histories shorter");
    return false;
  }
  return true;
}

void History::check_wix() {
  // What the device says about each SKU it has stock rows for.
  std::map<std::string, const cJSON*> stock;
  const cJSON* s = nullptr;
  cJSON_ArrayForEach(s, member(stock_.get(), "skus")) stock[text(s, "sku")] = s;
  // What Wix holds: V1 every variant, V3 the default-location item (or none).
  std::map<std::string, const cJSON*> wix_by_key;
  std::set<std::string> default_items;
  const cJSON* row = nullptr;
  cJSON_ArrayForEach(row, member(wix_.get(), "items")) {
    if (site_.v3 && !text(row, "inventoryItemId").empty() &&
        !cJSON_IsTrue(member(row, "defaultLocation"))) {
      continue;
    }
    wix_by_key[text(row, "productId") + ":" + text(row, "variantId")] = row;
    if (!text(row, "inventoryItemId").empty()) default_items.insert(text(row, "inventoryItemId"));
  }
  std::map<std::string, std::vector<const LoggedWrite*>> device_writes;  // by variant key
  for (const LoggedWrite& w : log_.writes) {
    if (w.source != "api") continue;
    device_writes[w.product_id + ":" + w.variant_id].push_back(&w);
    if (site_.v3 && default_items.count(w.item_id) == 0) {
      fail("the device wrote to an inventory item outside the default location: " + w.sku +
           " item " + w.item_id + " location " + w.location_id);
    }
  }

  std::set<std::string> managed_now;
  for (const auto& [sku, entry] : stock) {
    if (cJSON_IsTrue(member(entry, "managed"))) managed_now.insert(sku);
  }
  if (managed_now != managed_) {
    std::string a, b;
    for (const std::string& x : managed_now) a += " " + x;
    for (const std::string& x : managed_) b += " " + x;
    fail("managed SKUs: the device says {" + a + " }, the history expected {" + b + " }");
  }

  auto untouched = [&](const std::string& sku, const VariantRow& v, std::int64_t after_write) {
    for (const LoggedWrite* w : device_writes[v.key()]) {
      if (w->id > after_write) {
        fail(sku + ": the device wrote to Wix (" + w->kind + " " + std::to_string(w->amount) +
             ", write w-" + std::to_string(w->id) + ", request #" + std::to_string(w->request_id) +
             ") though it did not manage the SKU then");
        return;
      }
    }
    if (after_write > 0 || !v.tracked) return;
    const std::optional<std::int64_t> now = number(wix_by_key[v.key()], "quantity");
    const std::int64_t want = v.quantity.value_or(0) + online_delta_[v.key()];
    if (now != want) {
      fail(sku + " (never managed): Wix shows " + show(now) + ", want " + std::to_string(want) +
           " (fixture " + show(v.quantity) + ", online " + std::to_string(online_delta_[v.key()]) +
           ")");
    }
  };

  for (const std::string& sku : site_.parked) {
    for (const VariantRow& v : variants_[sku]) untouched(sku, v, 0);
  }
  for (const std::string& sku : site_.tracked) {
    const VariantRow& v = variants_[sku].front();
    if (managed_now.count(sku) == 0) {
      auto since = unmanaged_since_.find(sku);
      untouched(sku, v, since == unmanaged_since_.end() ? 0 : since->second);
      continue;
    }
    const cJSON* entry = stock[sku];
    std::int64_t mapped_sum = 0;
    const cJSON* w = nullptr;
    cJSON_ArrayForEach(w, member(entry, "warehouses")) {
      if (mapped_[text(w, "name")]) mapped_sum += number(w, "qty").value_or(0);
    }
    const std::int64_t target = std::max<std::int64_t>(0, mapped_sum);
    const std::optional<std::int64_t> now = number(wix_by_key[v.key()], "quantity");
    if (now != target || number(entry, "target") != target ||
        number(entry, "confirmed") != target || text(entry, "sync") != "in_sync") {
      fail(sku + " (managed): Wix shows " + show(now) + ", want max(0, " +
           std::to_string(mapped_sum) + ") = " + std::to_string(target) + "; the device says " +
           to_json_text(entry));
    }
  }
}

void History::check_no_resend() {
  const ResendReport r = sync_property::check_no_resend(log_, resend_facts_);
  uncertain_writes_ = r.uncertain_writes;
  writes_cut_by_kill_ = r.cut_by_kill;
  for (const std::string& e : r.errors) fail(e);
}

}  // namespace shelfnode::sync_property
