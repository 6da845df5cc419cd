#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "shelfnode/core/result.h"
#include "shelfnode/store/database.h"

namespace shelfnode::ledger {

// One ledger row as `history`, `void` and `export` show it.
struct StoredMovement {
  std::int64_t seq = 0;
  std::string id;  // UUID
  std::string at;  // UTC, format_utc_ms
  std::string kind;  // receive, sell, count, move_out, move_in, order, order_cancel, void
  std::string code;  // as scanned or typed
  std::string sku;
  std::int64_t warehouse_id = 0;
  std::string warehouse;
  std::int64_t delta = 0;  // the change it made to the warehouse's stock
  std::string source;      // cli, scan:stdin, wix:order, ...
  std::string reference;   // an online order line ("<order id>:<line id>"), or empty
  std::string voids;       // for a void: the UUID it undoes
  std::string note;        // for a void: the reason given
  std::string voided_by;   // the UUID of the void that undid this one, or empty
};

// Which movements to walk. Every field is optional; `since` is a format_utc_ms time (the
// ledger's own form, so text order is time order).
struct MovementFilter {
  std::optional<std::string> sku;
  std::optional<std::int64_t> warehouse_id;
  std::optional<std::string> since;
  std::int64_t limit = -1;  // at most this many rows; -1 = all
  bool newest_first = true;
};

// Hands each matching movement to `each`, one row in memory at a time, so a million-row
// export costs no more memory than a ten-row one. `each` returning an error stops the walk
// with that error. There is no index on SKU or time: a filtered walk reads the table in seq
// order and stops at `limit`, which keeps every scan's commit one index lighter.
Status each_movement(store::Database& db, const MovementFilter& filter,
                     const std::function<Status(const StoredMovement&)>& each);

// The movement with this UUID, or nothing.
Result<std::optional<StoredMovement>> find_movement(store::Database& db, const std::string& id);

}  // namespace shelfnode::ledger
