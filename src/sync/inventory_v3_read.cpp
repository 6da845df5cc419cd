#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "shelfnode/wix/default_location.h"
#include "sync/inventory_json.h"
#include "sync/inventory_v3.h"

namespace shelfnode::sync {
namespace {

// One item as WixStock. `trackQuantity` is derived from which of quantity / inStock the item
// has [R27]; should Wix leave the flag out, a quantity means tracked.
Result<WixStock> stock_of(const cJSON* item) {
  WixStock s;
  s.variant.product_id = text_at(item, "productId");
  s.variant.variant_id = text_at(item, "variantId");
  s.variant.sku = text_at(cJSON_GetObjectItemCaseSensitive(item, "product"), "variantSku");
  Result<std::optional<std::int64_t>> quantity = quantity_at(item);
  if (!quantity.ok()) return quantity.status();
  Result<std::string> revision = int_text_at(item, "revision");
  if (!revision.ok()) return revision.status();
  s.found = true;
  s.tracked = bool_at(item, "trackQuantity").value_or(quantity->has_value());
  s.quantity = s.tracked ? quantity->value_or(0) : 0;
  s.inventory_item_id = text_at(item, "id");
  s.revision = std::move(revision).value();
  return s;
}

// The first page carries the filter; later ones only the cursor, as Wix requires
// [SDK:inv3][GH:skills-inv3].
JsonPtr page_body(const cJSON* filter, const std::string& cursor) {
  JsonPtr body(cJSON_CreateObject());
  cJSON* query = cJSON_AddObjectToObject(body.get(), "query");
  if (cursor.empty()) cJSON_AddItemToObject(query, "filter", cJSON_Duplicate(filter, 1));
  cJSON* paging = cJSON_AddObjectToObject(query, "cursorPaging");
  cJSON_AddNumberToObject(paging, "limit", static_cast<double>(kV3PageSize));
  if (!cursor.empty()) cJSON_AddStringToObject(paging, "cursor", cursor.c_str());
  return body;
}

// Every page of the query `filter`, each handed to `page` as it arrives.
Status crawl(WixCalls& wix, const cJSON* filter, const std::string& location, const char* what,
             const std::function<Status(std::vector<WixStock>&)>& page) {
  std::string cursor;
  for (;;) {
    JsonPtr body = page_body(filter, cursor);
    Result<wix::JsonResponse> r = wix.call("POST", kV3QueryPath, body.get());
    if (!r.ok()) return r.status().with_context(what);
    const cJSON* answer = r->body.get();
    const cJSON* items = cJSON_GetObjectItemCaseSensitive(answer, "inventoryItems");
    if (!cJSON_IsArray(items)) {
      return bad_data("Wix answered the inventory query without an `inventoryItems` list");
    }
    std::vector<WixStock> stock;
    const cJSON* item = nullptr;
    cJSON_ArrayForEach(item, items) {
      // The filter names the location; an item elsewhere would be read as the wrong stock.
      const std::string at = text_at(item, "locationId");
      if (!at.empty() && at != location) continue;
      Result<WixStock> s = stock_of(item);
      if (!s.ok()) return s.status();
      stock.push_back(std::move(s).value());
    }
    SHELFNODE_RETURN_IF_ERROR(page(stock));
    const cJSON* meta = cJSON_GetObjectItemCaseSensitive(answer, "pagingMetadata");
    const std::string next = text_at(cJSON_GetObjectItemCaseSensitive(meta, "cursors"), "next");
    if (next.empty() || cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(meta, "hasNext"))) {
      return Status::Ok();
    }
    if (next == cursor) return bad_data("Wix returned the same inventory page cursor twice");
    cursor = next;
  }
}

JsonPtr location_filter(const std::string& location) {
  JsonPtr filter(cJSON_CreateObject());
  cJSON_AddStringToObject(cJSON_AddObjectToObject(filter.get(), "locationId"), "$eq",
                          location.c_str());
  return filter;
}

}  // namespace

Result<std::string> v3_default_location(WixCalls& wix) {
  JsonPtr query = wix::default_location_query();
  if (!query) return internal_error("out of memory building a request");
  Result<wix::JsonResponse> r = wix.call("POST", wix::kLocationsQueryPath, query.get());
  if (!r.ok()) return r.status().with_context("reading the store's default location");
  return wix::default_location_id(r->body.get());
}

namespace {

// A variant is (product ID, variant ID): a variant ID alone is not unique across products
// [SDK:rov3], so an item is matched on both and an item of another product that happens to
// share the variant ID is never read as this variant's stock.
using VariantKey = std::pair<std::string, std::string>;

// Distinct values, in first-seen order.
std::vector<std::string> distinct(const std::vector<VariantKey>& keys, bool product) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const VariantKey& k : keys) {
    const std::string& v = product ? k.first : k.second;
    if (seen.insert(v).second) out.push_back(v);
  }
  return out;
}

}  // namespace

// {"productId":{"$in":[…]},"variantId":{"$in":[…]},"locationId":{"$eq":…}}, up to a page's
// worth of variants per query, so each query is normally one page. The two lists may also
// match pairs that were not asked for; those are left out by the key.
Result<std::vector<WixStock>> v3_read(WixCalls& wix, const std::string& location,
                                      const std::vector<WixVariant>& variants) {
  std::vector<VariantKey> keys;
  std::set<VariantKey> seen;
  for (const WixVariant& v : variants) {
    if (v.product_id.empty() || v.variant_id.empty()) continue;
    VariantKey key{v.product_id, v.variant_id};
    if (seen.insert(key).second) keys.push_back(std::move(key));
  }
  std::map<VariantKey, WixStock> found;
  const auto keep = [&found, &seen](std::vector<WixStock>& page) {
    for (WixStock& s : page) {
      VariantKey key{s.variant.product_id, s.variant.variant_id};
      if (seen.count(key) != 0) found.emplace(std::move(key), std::move(s));
    }
    return Status::Ok();
  };
  for (std::size_t at = 0; at < keys.size(); at += kV3PageSize) {
    const std::size_t end = std::min(keys.size(), at + kV3PageSize);
    const std::vector<VariantKey> batch(keys.begin() + static_cast<std::ptrdiff_t>(at),
                                        keys.begin() + static_cast<std::ptrdiff_t>(end));
    JsonPtr filter(cJSON_CreateObject());
    add_strings(cJSON_AddObjectToObject(filter.get(), "productId"), "$in", distinct(batch, true));
    add_strings(cJSON_AddObjectToObject(filter.get(), "variantId"), "$in", distinct(batch, false));
    cJSON_AddStringToObject(cJSON_AddObjectToObject(filter.get(), "locationId"), "$eq",
                            location.c_str());
    SHELFNODE_RETURN_IF_ERROR(crawl(wix, filter.get(), location, "reading Wix stock", keep));
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

Status v3_read_all(WixCalls& wix, const std::string& location,
                   const std::function<Status(const std::vector<WixStock>&)>& page) {
  JsonPtr filter = location_filter(location);
  return crawl(
      wix, filter.get(), location, "reading all Wix stock",
      [&page](std::vector<WixStock>& stock) { return stock.empty() ? Status::Ok() : page(stock); });
}

}  // namespace shelfnode::sync
