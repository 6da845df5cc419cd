#include "shelfnode/sync/orders_pull.h"

#include "shelfnode/core/json.h"
#include "shelfnode/core/logger.h"
#include "sync/order_lines.h"
#include "sync/orders_apply.h"
#include "sync/orders_cursor.h"

namespace shelfnode::sync {
namespace {

constexpr const char* kSearchPath = "/ecom/v1/orders/search";
constexpr int kPageSize = 100;  // the documented maximum [SDK:ord]

// The first page: orders changed since the cursor, oldest change first (the default is
// createdDate DESC [R40]), in the counted statuses and CANCELED. `$gte`, not `$gt`: orders
// that share the cursor's timestamp are seen again and are no-ops, never lost [R41].
JsonPtr first_page(const std::string& cursor, const std::vector<std::string>& statuses) {
  JsonPtr body(cJSON_CreateObject());
  cJSON* search = cJSON_AddObjectToObject(body.get(), "search");
  cJSON* filter = cJSON_AddObjectToObject(search, "filter");
  cJSON_AddStringToObject(cJSON_AddObjectToObject(filter, "updatedDate"), "$gte", cursor.c_str());
  // PENDING and REJECTED orders are returned only when the filter names them [SDK:ord].
  cJSON* in = cJSON_AddArrayToObject(cJSON_AddObjectToObject(filter, "status"), "$in");
  for (const std::string& s : statuses) cJSON_AddItemToArray(in, cJSON_CreateString(s.c_str()));
  cJSON* order = cJSON_CreateObject();
  cJSON_AddStringToObject(order, "fieldName", "updatedDate");
  cJSON_AddStringToObject(order, "order", "ASC");
  cJSON_AddItemToArray(cJSON_AddArrayToObject(search, "sort"), order);
  cJSON_AddNumberToObject(cJSON_AddObjectToObject(search, "cursorPaging"), "limit", kPageSize);
  return body;
}

// Follow-up pages carry only the paging cursor: filter and sort belong to the first
// request [SDK:inv3][GH:skills-inv3].
JsonPtr next_page(const std::string& paging_cursor) {
  JsonPtr body(cJSON_CreateObject());
  cJSON* paging =
      cJSON_AddObjectToObject(cJSON_AddObjectToObject(body.get(), "search"), "cursorPaging");
  cJSON_AddNumberToObject(paging, "limit", kPageSize);
  cJSON_AddStringToObject(paging, "cursor", paging_cursor.c_str());
  return body;
}

// The next page's cursor, "" on the last page. The paging block is `metadata` here, not
// `pagingMetadata` as in the catalog APIs [R40].
std::string next_cursor(const cJSON* answer) {
  const cJSON* meta = cJSON_GetObjectItemCaseSensitive(answer, "metadata");
  const cJSON* has_next = cJSON_GetObjectItemCaseSensitive(meta, "hasNext");
  const cJSON* next =
      cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(meta, "cursors"), "next");
  if (cJSON_IsFalse(has_next) || !cJSON_IsString(next)) return "";
  return next->valuestring;
}

struct Page {
  const cJSON* orders = nullptr;
  std::string cursor;  // the stored cursor after this page
  std::int64_t cursor_ms = 0;
};

// One page in one transaction: every order's lines and the cursor, all or nothing.
Status apply_page(store::Database& db, ledger::Ledger& ledger, const ApplyContext& context,
                  Page& page, OrdersPullReport& report) {
  auto tx = store::Transaction::begin(db);
  if (!tx.ok()) return tx.status();
  ApplyCounts counts;
  const std::string before = page.cursor;
  const cJSON* node = nullptr;
  cJSON_ArrayForEach(node, page.orders) {
    Result<Order> order = parse_order(node);
    if (!order.ok()) {
      log_warn("orders.unreadable", {{"why", order.status().message()}});
      continue;
    }
    ++report.orders_seen;
    // `$gte` on the cursor shows the newest order of the last pull again: seen, not new.
    const int recorded = counts.applied + counts.skipped + counts.reversed;
    SHELFNODE_RETURN_IF_ERROR(apply_order(db, ledger, context, *order, counts));
    if (counts.applied + counts.skipped + counts.reversed != recorded) ++report.orders_new;
    const std::optional<std::int64_t> updated = parse_utc_ms(order->updated_date);
    if (updated && *updated > page.cursor_ms) {
      page.cursor_ms = *updated;
      page.cursor = order->updated_date;
    }
  }
  if (page.cursor != before) {
    SHELFNODE_RETURN_IF_ERROR(store::set_meta(db, kOrdersCursorKey, page.cursor));
  }
  SHELFNODE_RETURN_IF_ERROR((*tx)->commit().with_context("storing pulled orders"));
  report.orders_ignored += counts.ignored_orders;
  report.lines_applied += counts.applied;
  report.lines_skipped += counts.skipped;
  report.lines_reversed += counts.reversed;
  return Status::Ok();
}

ApplyContext context_for(const Config::Sync& config, const std::optional<ledger::Warehouse>& w,
                         std::int64_t since_ms, const Clock& clock) {
  ApplyContext c;
  c.seen_at = format_utc_ms(clock.now_ms());
  if (w) c.warehouse_id = w->id;
  for (const std::string& s : config.order_statuses) {
    if (s != "CANCELED") c.statuses.push_back(s);
  }
  c.include_store_pickup = config.include_pickup_orders;
  c.since_ms = since_ms;
  return c;
}

}  // namespace

Result<OrdersPullReport> pull_orders(store::Database& db, ledger::Ledger& ledger,
                                     wix::RetryingClient& wix, const Config::Sync& config,
                                     const Clock& clock) {
  auto warehouse = fulfilment_warehouse(db, config.fulfilment_warehouse);
  if (!warehouse.ok()) return warehouse.status();
  Result<OrdersWindow> window = load_orders_window(db, clock);
  if (!window.ok()) return window.status();
  const ApplyContext context = context_for(config, *warehouse, window->since_ms, clock);
  std::vector<std::string> statuses = context.statuses;
  statuses.emplace_back("CANCELED");

  OrdersPullReport report;
  Page page;
  page.cursor = window->cursor;
  page.cursor_ms = parse_utc_ms(window->cursor).value_or(0);
  std::string paging;
  for (;;) {
    JsonPtr body = paging.empty() ? first_page(window->cursor, statuses) : next_page(paging);
    Result<wix::JsonResponse> answer = wix.call("POST", kSearchPath, body.get());
    report.requests += wix.last_attempts();
    if (!answer.ok()) return answer.status().with_context("searching Wix orders");
    page.orders = cJSON_GetObjectItemCaseSensitive(answer->body.get(), "orders");
    if (!cJSON_IsArray(page.orders)) {
      return bad_data("Wix answered the orders search without an `orders` list");
    }
    ++report.pages;
    SHELFNODE_RETURN_IF_ERROR(apply_page(db, ledger, context, page, report));
    const std::string next = next_cursor(answer->body.get());
    if (next.empty()) break;
    if (next == paging) return bad_data("Wix returned the same orders page cursor twice");
    paging = next;
  }
  report.cursor = page.cursor;
  log_info("orders.pulled", {{"orders", std::to_string(report.orders_seen)},
                             {"new", std::to_string(report.orders_new)},
                             {"applied", std::to_string(report.lines_applied)},
                             {"skipped", std::to_string(report.lines_skipped)},
                             {"reversed", std::to_string(report.lines_reversed)},
                             {"pages", std::to_string(report.pages)},
                             {"cursor", report.cursor}});
  return report;
}

}  // namespace shelfnode::sync
