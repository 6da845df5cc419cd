#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "shelfnode/core/result.h"
#include "shelfnode/ledger/ledger.h"
#include "shelfnode/store/database.h"

namespace shelfnode::session {

enum class ScanMode { kSell, kReceive, kCount };

// The longest scan line a session accepts; longer ones are refused (a scanner with no suffix
// set runs its scans together).
constexpr std::size_t kMaxScanLength = 4096;

Result<ScanMode> parse_scan_mode(std::string_view text);

// Splits an optional trailing `*QTY` off a scan line ("4006381333931*3"). Returns the code
// and the quantity (1 when there is no suffix).
struct QuantifiedCode {
  std::string code;
  std::int64_t quantity = 1;
  bool has_suffix = false;
};
Result<QuantifiedCode> split_quantity(std::string_view line);

// Turns scan lines into committed movements, a batch at a time: every line of a batch is
// written in one transaction (group commit) and its reply is final only once that commit
// returned. A reply is "OK <uuid> <sku> <qty>" or "ERR <why>".
//
// Count mode is a stocktake by scanning: the first scan of a SKU in a session sets the
// warehouse's quantity to that scan's quantity, later scans of it in the same session add
// (each is recorded as a count of the running total).
class ScanSession {
 public:
  ScanSession(store::Database& db, ledger::Ledger& ledger, std::int64_t warehouse_id, ScanMode mode,
              std::string source)
      : db_(db),
        ledger_(ledger),
        warehouse_id_(warehouse_id),
        mode_(mode),
        source_(std::move(source)) {}

  // One reply per line, in order. `worst` receives the most serious failure of the batch
  // (a storage error outranks bad data; OK when every line was acknowledged).
  std::vector<std::string> process_batch(const std::vector<std::string>& lines, Status& worst);

 private:
  struct Prepared {
    bool ok = false;
    std::string reply;  // the ERR text when !ok
    ledger::MovementRequest request;
    std::int64_t shown_qty = 0;
  };
  Prepared prepare(const std::string& line);

  store::Database& db_;
  ledger::Ledger& ledger_;
  std::int64_t warehouse_id_;
  ScanMode mode_;
  std::string source_;
  std::map<std::string, std::int64_t> counted_;  // committed stocktake totals this session
};

}  // namespace shelfnode::session
