#include "pull/pull_run.h"

namespace shelfnode::pull {
namespace {

// Including hidden products needs the manage-products permission [R15]. The device needs it
// anyway to push stock on a V1 site (`connect` checks it), and a hidden product is still on
// the shelves, so the pull asks for them and a 403 names that permission.
constexpr ReadKind kProductsRead{"reading products (hidden ones included)", "Manage Products",
                                 "SCOPE.DC-STORES.MANAGE-PRODUCTS"};

// Query Products as Wix's REST reference serves it (endpoint
// https://www.wixapis.com/stores-reader/v1/products/query, permission Read Products:
// https://dev.wix.com/docs/rest/business-solutions/stores/catalog/query-products) and as
// Wix's V1 recipe calls it [R14]. The SDK's `query-platformized` twin is in no public page.
constexpr const char* kV1ProductsQueryPath = "/stores-reader/v1/products/query";

// The V1 filter and sort are JSON *text* inside the body [R14][R15]. The crawl sorts by
// numericId and asks for the ones after the last committed page, which keeps working past
// the ~10,000 items offset paging is built for [R13]. numericId is sent as the bare number
// the docs show; it is decimal digits already checked by the page parser. An incremental
// pull adds lastUpdated >= the mark: $gte, so products sharing the mark's millisecond are
// fetched again (a no-op upsert) rather than missed.
std::string filter_text(const PendingPull& p) {
  std::string f;
  if (!p.since.empty()) f += "\"lastUpdated\":{\"$gte\":\"" + p.since + "\"}";
  if (!p.v1_after.empty()) {
    f += (f.empty() ? "" : ",") + std::string("\"numericId\":{\"$gt\":") + p.v1_after + "}";
  }
  return "{" + f + "}";
}

JsonPtr products_request(const PendingPull& p) {
  JsonPtr body(cJSON_CreateObject());
  cJSON* query = cJSON_AddObjectToObject(body.get(), "query");
  cJSON_AddStringToObject(query, "filter", filter_text(p).c_str());
  cJSON_AddStringToObject(query, "sort", "[{\"numericId\":\"asc\"}]");
  cJSON_AddNumberToObject(cJSON_AddObjectToObject(query, "paging"), "limit", kV1PageLimit);
  cJSON_AddBoolToObject(body.get(), "includeVariants", true);
  cJSON_AddBoolToObject(body.get(), "includeHiddenProducts", true);
  return body;
}

}  // namespace

Status crawl_v1(PullRun& run) {
  std::int64_t total = -1;
  for (;;) {
    JsonPtr request = products_request(run.pending);
    if (!request) return internal_error("out of memory building a request");
    Result<std::string> text =
        fetch_page(run, "POST", kV1ProductsQueryPath, request.get(), kProductsRead);
    if (!text.ok()) return text.status();
    Result<CatalogPage> page = parse_v1_products(*text);
    if (!page.ok()) return page_failure(page.status(), kProductsRead);
    *text = std::string();  // one page in memory: the text goes before the rows are written
    if (!page->last_numeric_id.empty()) run.pending.v1_after = page->last_numeric_id;
    if (page->max_updated > run.pending.max_updated) run.pending.max_updated = page->max_updated;
    SHELFNODE_RETURN_IF_ERROR(commit_page(run, &page->variants, nullptr));
    // totalResults counts what matches the filter, this page included.
    if (page->total) total = run.records + *page->total;
    run.records += static_cast<std::int64_t>(page->records);
    run.report_progress("products", run.records, total);
    // Done on a short page, or when this page held every match: no empty page is asked for
    // just to learn that the crawl is over.
    const bool all_matched =
        page->total && *page->total <= static_cast<std::int64_t>(page->records);
    if (page->records < static_cast<std::size_t>(kV1PageLimit) || all_matched) return Status::Ok();
  }
}

}  // namespace shelfnode::pull
