#pragma once

// Shared pieces of the durability fault tests: a ready shop data dir, the replies it gives, and
// the ledger checks that every fault must leave true.

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "support/process.h"

namespace shelfnode::fault {

constexpr int kSkuCount = 50;

bool contains(const std::string& haystack, const std::string& needle);

// "SKU-01" .. "SKU-50".
std::string sku_name(int index);

// `init`, `warehouse add shop --mapped`, `catalog import` of kSkuCount SKUs. Returns "" on
// success, otherwise what failed (with the command's stderr).
std::string make_shop(const std::string& data_dir, const std::string& scratch_dir);

std::vector<std::string> shelfnode_argv(const std::string& data_dir,
                                        const std::vector<std::string>& args);
std::vector<std::string> scan_argv(const std::string& data_dir,
                                   const std::string& mode = "receive");

// One "OK <uuid> <sku> <qty>" reply.
struct Ack {
  std::string uuid;
  std::string sku;
  std::int64_t qty = 0;
};
bool parse_ack(const std::string& line, Ack& out);

// Every acknowledged scan, by UUID, with the movement the ledger must hold for it.
struct ExpectedMovement {
  std::string sku;
  std::int64_t delta = 0;
};
using AckedMovements = std::map<std::string, ExpectedMovement>;

// Adds the OK lines of `replies` (receive mode: delta = +qty). Returns how many were added.
int collect_acks(const std::string& replies, AckedMovements& acked);

// Opens <data_dir>/shelfnode.db read-only, straight through SQLite. Only while no writer runs.
class LedgerView {
 public:
  explicit LedgerView(const std::string& data_dir);
  ~LedgerView();
  LedgerView(const LedgerView&) = delete;
  LedgerView& operator=(const LedgerView&) = delete;

  const std::string& error() const { return error_; }  // "" when open
  // First column of the first row, or -1 (and error()) on failure.
  std::int64_t scalar(const char* sql);
  // Every row, columns joined by '|'.
  std::vector<std::string> rows(const char* sql);

 private:
  sqlite3* db_ = nullptr;
  std::string error_;
};

// The invariants a fault must never break (DESIGN §4.1, §4.2):
//  - PRAGMA integrity_check says ok; movement UUIDs are unique;
//  - every acknowledged UUID is stored with its SKU, delta and warehouse (OK => stored);
//  - stock equals the sum of movement deltas per (sku, warehouse), both ways;
//  - nothing outside the catalog was recorded.
// Returns the violations found (empty: all hold).
std::vector<std::string> ledger_violations(const std::string& data_dir,
                                           const AckedMovements& acked);
std::int64_t movement_count(const std::string& data_dir);

}  // namespace shelfnode::fault
