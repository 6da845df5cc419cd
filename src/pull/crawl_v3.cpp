#include "pull/pull_run.h"

namespace shelfnode::pull {
namespace {

// Hidden products come back only with the read-admin permission, and are silently left
// out without it [SDK:prod3]: the pull takes what the key may see.
constexpr ReadKind kVariantsRead{"reading product variants", "Read products in v3 catalog",
                                 "SCOPE.STORES.PRODUCT_READ"};
constexpr ReadKind kItemsRead{"reading inventory items", "Read inventory in v3 catalog",
                              "SCOPE.STORES.INVENTORY_ITEM_READ"};

constexpr const char* kQueryVariantsPath = "/stores/v3/products/query-variants";
constexpr const char* kSearchVariantsPath = "/stores/v3/products/search-variants";

// The first page carries the filter (and sort); every later page only cursorPaging:
// resending them with a cursor is refused [SDK:inv3][SDK:rov3][GH:skills-inv3]. `wrapper` is
// "query" for the query endpoints, "search" for search-variants [SDK:rov3].
JsonPtr first_page(const char* wrapper, cJSON* filter, cJSON* sort = nullptr) {
  JsonPtr body(cJSON_CreateObject());
  cJSON* query = cJSON_AddObjectToObject(body.get(), wrapper);
  cJSON_AddItemToObject(query, "filter", filter);
  if (sort != nullptr) cJSON_AddItemToObject(query, "sort", sort);
  cJSON_AddNumberToObject(cJSON_AddObjectToObject(query, "cursorPaging"), "limit", kV3PageLimit);
  return body;
}

JsonPtr next_page(const char* wrapper, const std::string& cursor) {
  JsonPtr body(cJSON_CreateObject());
  cJSON* paging =
      cJSON_AddObjectToObject(cJSON_AddObjectToObject(body.get(), wrapper), "cursorPaging");
  cJSON_AddNumberToObject(paging, "limit", kV3PageLimit);
  cJSON_AddStringToObject(paging, "cursor", cursor.c_str());
  return body;
}

// Oldest change first, then the variant's key, so the order is total and a product edited
// during the crawl moves behind the crawl position (it is fetched twice, a no-op) instead of
// ahead of it. Search's default is newest first [SDK:rov3].
cJSON* oldest_change_first() {
  cJSON* sort = cJSON_CreateArray();
  for (const char* field : {"productData.updatedDate", "productData.productId", "variantId"}) {
    cJSON* entry = cJSON_CreateObject();
    cJSON_AddStringToObject(entry, "fieldName", field);
    cJSON_AddStringToObject(entry, "order", "ASC");
    cJSON_AddItemToArray(sort, entry);
  }
  return sort;
}

// {"<field>": {"$gte": since}} or {} when the pull is full.
cJSON* since_filter(const char* field, const std::string& since) {
  cJSON* filter = cJSON_CreateObject();
  if (!since.empty()) {
    cJSON_AddStringToObject(cJSON_AddObjectToObject(filter, field), "$gte", since.c_str());
  }
  return filter;
}

}  // namespace

Status crawl_v3_variants(PullRun& run) {
  // A full pull asks query-variants for everything. An incremental one needs
  // search-variants: query-variants filters only on `_id`, `productData.productId` and
  // `variantId`, and any other field (an updated date) belongs to search-variants
  // (ReadOnlyVariantQuerySpec / ReadOnlyVariantSearchSpec in
  // @wix/auto_sdk_stores_read-only-variants-v-3 1.0.139) [SDK:rov3]. productData.updatedDate
  // moves with every product edit; a product's variants all carry it, so an incremental pull
  // gets every variant of a changed product.
  const bool incremental = !run.pending.since.empty();
  const char* path = incremental ? kSearchVariantsPath : kQueryVariantsPath;
  const char* wrapper = incremental ? "search" : "query";
  JsonPtr request = first_page(wrapper, since_filter("productData.updatedDate", run.pending.since),
                               incremental ? oldest_change_first() : nullptr);
  for (;;) {
    if (!request) return internal_error("out of memory building a request");
    Result<std::string> text = fetch_page(run, "POST", path, request.get(), kVariantsRead);
    if (!text.ok()) return text.status();
    Result<CatalogPage> page = parse_v3_variants(*text);
    if (!page.ok()) return page_failure(page.status(), kVariantsRead);
    *text = std::string();
    if (page->max_updated > run.pending.max_updated) run.pending.max_updated = page->max_updated;
    // The last page of variants also moves the pull on to the items, in one commit.
    if (page->next_cursor.empty()) run.pending.v3_items_phase = true;
    SHELFNODE_RETURN_IF_ERROR(commit_page(run, &page->variants, nullptr));
    run.records += static_cast<std::int64_t>(page->records);
    run.report_progress("variants", run.records, -1);
    if (page->next_cursor.empty()) return Status::Ok();
    request = next_page(wrapper, page->next_cursor);
  }
}

Status crawl_v3_items(PullRun& run, const std::string& location_id) {
  // Online orders deduct from the default location only, so that item is the one whose
  // tracking counts [R37]. Query Variants has no tracking flag; the item has [R27][R29].
  cJSON* filter = since_filter("updatedDate", run.pending.items_since);
  cJSON_AddStringToObject(cJSON_AddObjectToObject(filter, "locationId"), "$eq",
                          location_id.c_str());
  JsonPtr request = first_page("query", filter);
  for (;;) {
    if (!request) return internal_error("out of memory building a request");
    Result<std::string> text =
        fetch_page(run, "POST", "/stores/v3/inventory-items/query", request.get(), kItemsRead);
    if (!text.ok()) return text.status();
    Result<ItemsPage> page = parse_v3_items(*text);
    if (!page.ok()) return page_failure(page.status(), kItemsRead);
    *text = std::string();
    if (page->max_updated > run.pending.items_max_updated) {
      run.pending.items_max_updated = page->max_updated;
    }
    SHELFNODE_RETURN_IF_ERROR(commit_page(run, nullptr, &page->items));
    run.items += static_cast<std::int64_t>(page->records);
    run.report_progress("inventory items", run.items, -1);
    if (page->next_cursor.empty()) return Status::Ok();
    request = next_page("query", page->next_cursor);
  }
}

}  // namespace shelfnode::pull
