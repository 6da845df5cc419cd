#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "shelfnode/core/clock.h"
#include "shelfnode/core/result.h"
#include "shelfnode/store/database.h"
#include "shelfnode/store/meta.h"

namespace shelfnode::sync {

// meta keys of the orders pull (src/sync/README.md, "Orders").
inline constexpr const char* kOrdersCursorKey = "sync.orders_cursor";
inline constexpr const char* kOrdersSinceKey = "sync.orders_since";
inline constexpr const char* kConnectedAtKey = "wix.connected_at";  // written by `connect`

// Where the orders pull stands.
struct OrdersWindow {
  std::string cursor;  // updatedDate from which orders are searched ($gte)
  // Orders placed before this are already in Wix's numbers and in any count taken since:
  // they are recorded but never applied.
  std::string since;
  std::int64_t since_ms = 0;
};

// The stored window. On the first pull (no cursor yet) both start at `wix.connected_at`, or
// at the clock's now when the device has no record of connecting, and are committed at once
// so a failed first request does not move the starting point.
Result<OrdersWindow> load_orders_window(store::Database& db, const Clock& clock);

}  // namespace shelfnode::sync
