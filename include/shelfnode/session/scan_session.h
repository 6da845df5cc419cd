#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
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
// and the quantity (1 when there is no suffix). A line that is GS1 data (scan::carries_gs1_data)
// has no suffix: its '*' is part of the data, as GS1 reads it.
struct QuantifiedCode {
  std::string code;
  std::int64_t quantity = 1;
  bool has_suffix = false;
};
Result<QuantifiedCode> split_quantity(std::string_view line);

// What the shop configured for its tills (config.json "scan").
struct ScanOptions {
  // A line's quantity above this is refused: 1000 typed for 10 stops at the till.
  std::int64_t max_quantity = 999;
  // A scan of exactly this text voids the session's last acknowledged scan (empty = none).
  std::string undo_code;
};

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
              std::string source, ScanOptions options = {})
      : db_(db),
        ledger_(ledger),
        warehouse_id_(warehouse_id),
        mode_(mode),
        source_(std::move(source)),
        options_(std::move(options)) {}

  // One reply per line, in order. `worst` receives the most serious failure of the batch
  // (a storage error outranks bad data; OK when every line was acknowledged).
  std::vector<std::string> process_batch(const std::vector<std::string>& lines, Status& worst);

 private:
  struct Prepared {
    bool ok = false;
    std::string reply;  // the ERR text when !ok
    ledger::MovementRequest request;
    std::int64_t shown_qty = 0;
    std::string not_pushed;  // why this SKU cannot reach Wix, said once it is stored
  };
  // What the session acknowledged, newest last, so the undo code can take it back; a count
  // keeps the stocktake total it replaced.
  struct Acknowledged {
    std::string id;
    std::string sku;
    std::int64_t shown_qty = 0;
    std::optional<std::int64_t> counted_before;
  };
  // The state a batch works on; it replaces the session's only once the batch committed.
  struct State {
    std::map<std::string, std::int64_t> counted;
    std::deque<Acknowledged> acknowledged;  // the last kUndoDepth only: a till runs for months
  };
  static constexpr std::size_t kUndoDepth = 50;
  Prepared prepare(const std::string& line);
  // The reply to the undo code; a storage failure goes to `storage`.
  std::string undo(State& state, Status& storage);
  void warn_if_below_zero(const ledger::Movement& m);

  store::Database& db_;
  ledger::Ledger& ledger_;
  std::int64_t warehouse_id_;
  ScanMode mode_;
  std::string source_;
  ScanOptions options_;
  State state_;  // as of the last commit
};

}  // namespace shelfnode::session
