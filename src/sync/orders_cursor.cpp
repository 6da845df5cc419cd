#include "sync/orders_cursor.h"

#include "shelfnode/core/logger.h"

namespace shelfnode::sync {

Result<OrdersWindow> load_orders_window(store::Database& db, const Clock& clock) {
  auto cursor = store::get_meta(db, kOrdersCursorKey);
  if (!cursor.ok()) return cursor.status();
  auto since = store::get_meta(db, kOrdersSinceKey);
  if (!since.ok()) return since.status();
  auto connected = store::get_meta(db, kConnectedAtKey);
  if (!connected.ok()) return connected.status();

  OrdersWindow w;
  if (*cursor && parse_utc_ms(**cursor)) {
    w.cursor = **cursor;
    // A window stored by this code always has `since`; fall back for a hand-edited one.
    for (const auto* candidate : {&*since, &*connected, &*cursor}) {
      if (*candidate && parse_utc_ms(**candidate)) {
        w.since = **candidate;
        break;
      }
    }
  } else {
    if (*cursor) log_warn("orders.cursor_unreadable", {{"value", **cursor}});
    const bool have_connected = *connected && parse_utc_ms(**connected);
    w.since = have_connected ? **connected : format_utc_ms(clock.now_ms());
    w.cursor = w.since;
    auto tx = store::Transaction::begin(db);
    if (!tx.ok()) return tx.status();
    SHELFNODE_RETURN_IF_ERROR(store::set_meta(db, kOrdersCursorKey, w.cursor));
    SHELFNODE_RETURN_IF_ERROR(store::set_meta(db, kOrdersSinceKey, w.since));
    SHELFNODE_RETURN_IF_ERROR((*tx)->commit().with_context("storing the orders cursor"));
    log_info("orders.start",
             {{"since", w.since}, {"from", have_connected ? "wix.connected_at" : "now"}});
  }
  w.since_ms = *parse_utc_ms(w.since);
  return w;
}

}  // namespace shelfnode::sync
