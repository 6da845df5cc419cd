#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "sync/inventory_json.h"
#include "sync/inventory_v1.h"

namespace shelfnode::sync {
namespace {

// One V1 inventory item as WixStock rows, one per variant. `trackQuantity` decides; should
// Wix leave it out, a quantity on the variants means tracked (it is absent when untracked).
Result<std::vector<WixStock>> stock_of(const cJSON* item) {
  std::vector<WixStock> out;
  const std::string product_id = text_at(item, "productId");
  const std::optional<bool> track = bool_at(item, "trackQuantity");
  const cJSON* variant = nullptr;
  cJSON_ArrayForEach(variant, cJSON_GetObjectItemCaseSensitive(item, "variants")) {
    WixStock s;
    s.variant.product_id = product_id;
    s.variant.variant_id = text_at(variant, "variantId");
    Result<std::optional<std::int64_t>> quantity = quantity_at(variant);
    if (!quantity.ok()) return quantity.status();
    s.found = true;
    s.tracked = track.value_or(quantity->has_value());
    s.quantity = s.tracked ? quantity->value_or(0) : 0;
    out.push_back(std::move(s));
  }
  return out;
}

// The items of one answer; a missing list is a malformed answer, not an empty store.
Result<const cJSON*> items_of(const cJSON* answer) {
  const cJSON* items = cJSON_GetObjectItemCaseSensitive(answer, "inventoryItems");
  if (!cJSON_IsArray(items)) {
    return bad_data("Wix answered the inventory query without an `inventoryItems` list");
  }
  return items;
}

// {"query":{"filter":"<json>","sort":"<json>","paging":{...}}}: V1 filter and sort are JSON
// text inside the JSON body [R14][R15].
JsonPtr query_body(const cJSON* filter, const char* sort, std::optional<std::size_t> offset) {
  JsonPtr body(cJSON_CreateObject());
  cJSON* query = cJSON_AddObjectToObject(body.get(), "query");
  if (filter != nullptr) cJSON_AddStringToObject(query, "filter", json_text(filter).c_str());
  if (sort != nullptr) cJSON_AddStringToObject(query, "sort", sort);
  cJSON* paging = cJSON_AddObjectToObject(query, "paging");
  cJSON_AddNumberToObject(paging, "limit", static_cast<double>(kV1PageSize));
  if (offset) cJSON_AddNumberToObject(paging, "offset", static_cast<double>(*offset));
  return body;
}

using Key = std::pair<std::string, std::string>;

// The items of up to kV1PageSize products; offset paging in case Wix ever answers with
// fewer per page than asked for.
Status read_products(WixCalls& wix, const std::vector<std::string>& products,
                     std::map<Key, WixStock>& found) {
  JsonPtr filter(cJSON_CreateObject());
  add_strings(cJSON_AddObjectToObject(filter.get(), "productId"), "$in", products);
  std::size_t offset = 0;
  for (;;) {
    JsonPtr body = query_body(filter.get(), nullptr, offset);
    Result<wix::JsonResponse> r = wix.call("POST", kV1QueryPath, body.get());
    if (!r.ok()) return r.status().with_context("reading Wix stock");
    Result<const cJSON*> items = items_of(r->body.get());
    if (!items.ok()) return items.status();
    const cJSON* item = nullptr;
    std::size_t count = 0;
    cJSON_ArrayForEach(item, *items) {
      ++count;
      Result<std::vector<WixStock>> stock = stock_of(item);
      if (!stock.ok()) return stock.status();
      for (WixStock& s : *stock) {
        Key key{s.variant.product_id, s.variant.variant_id};
        found.emplace(std::move(key), std::move(s));
      }
    }
    offset += count;
    Result<std::optional<std::int64_t>> total = int_at(r->body.get(), "totalResults", 0, kMaxInt32);
    if (!total.ok()) return total.status();
    if (count == 0 || !total->has_value() || static_cast<std::int64_t>(offset) >= **total) {
      return Status::Ok();
    }
  }
}

}  // namespace

Result<std::vector<WixStock>> v1_read(WixCalls& wix, const std::vector<WixVariant>& variants) {
  std::vector<std::string> products;
  std::set<std::string> seen;
  for (const WixVariant& v : variants) {
    if (!v.product_id.empty() && seen.insert(v.product_id).second) products.push_back(v.product_id);
  }
  std::map<Key, WixStock> found;
  for (std::size_t at = 0; at < products.size(); at += kV1PageSize) {
    const std::size_t end = std::min(products.size(), at + kV1PageSize);
    const std::vector<std::string> run(products.begin() + static_cast<std::ptrdiff_t>(at),
                                       products.begin() + static_cast<std::ptrdiff_t>(end));
    SHELFNODE_RETURN_IF_ERROR(read_products(wix, run, found));
  }
  std::vector<WixStock> out;
  out.reserve(variants.size());
  for (const WixVariant& v : variants) {
    auto it = found.find({v.product_id, v.variant_id});
    WixStock s = it == found.end() ? WixStock{} : it->second;
    s.variant = v;
    out.push_back(std::move(s));
  }
  return out;
}

// Offset paging may fail past ~10k items, so the crawl sorts by numericId and asks for the
// ones after the last seen, until a short page [R13].
Status v1_read_all(WixCalls& wix, const std::function<Status(const std::vector<WixStock>&)>& page) {
  std::optional<std::int64_t> last;
  for (;;) {
    JsonPtr filter;
    if (last) {
      filter.reset(cJSON_CreateObject());
      cJSON_AddStringToObject(cJSON_AddObjectToObject(filter.get(), "numericId"), "$gt",
                              std::to_string(*last).c_str());
    }
    JsonPtr body = query_body(filter.get(), R"([{"numericId":"asc"}])", std::nullopt);
    Result<wix::JsonResponse> r = wix.call("POST", kV1QueryPath, body.get());
    if (!r.ok()) return r.status().with_context("reading all Wix stock");
    Result<const cJSON*> items = items_of(r->body.get());
    if (!items.ok()) return items.status();
    std::vector<WixStock> stock;
    std::size_t count = 0;
    std::optional<std::int64_t> next;
    const cJSON* item = nullptr;
    cJSON_ArrayForEach(item, *items) {
      ++count;
      Result<std::vector<WixStock>> of_item = stock_of(item);
      if (!of_item.ok()) return of_item.status();
      for (WixStock& s : *of_item) stock.push_back(std::move(s));
      Result<std::optional<std::int64_t>> numeric_id = int_at(item, "numericId", 0, kMaxInt64);
      if (!numeric_id.ok()) return numeric_id.status();
      next = *numeric_id;
    }
    if (!stock.empty()) SHELFNODE_RETURN_IF_ERROR(page(stock));
    if (count < kV1PageSize) return Status::Ok();
    // The crawl must move forward, or it would ask for the same page for ever.
    if (!next || (last && *next <= *last)) {
      return bad_data("Wix inventory items came without an increasing numericId; cannot page on");
    }
    last = next;
  }
}

}  // namespace shelfnode::sync
