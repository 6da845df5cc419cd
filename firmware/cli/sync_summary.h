#pragma once

#include <cjson/cJSON.h>

#include <string>
#include <vector>

#include "shelfnode/core/status.h"
#include "shelfnode/sync/engine.h"
#include "shelfnode/sync/orders_pull.h"

namespace shelfnode::cli {

// Orders pulled over a whole round (the first pull and any the engine makes before settling).
struct OrdersTotals {
  int pulls = 0;  // that succeeded
  int orders_seen = 0;
  int orders_new = 0;
  int lines_applied = 0;
  int lines_skipped = 0;
  int lines_reversed = 0;
  int requests = 0;
  void add(const sync::OrdersPullReport& r);
};

// What `sync` prints: the round and the orders that came in with it.
struct SyncSummary {
  std::string catalog_version;
  OrdersTotals orders;
  Status orders_status;  // the round's first orders pull
  sync::RoundReport round;
  std::string key_remedy;  // said once when a step met a key Wix refused (401)
};

// Every step that failed: the first orders pull, then the round's own (one line per step).
std::vector<sync::StepProblem> failed_steps(const SyncSummary& summary);

// How a round ended, for scripts (the exit status) and people (the first line):
//   0  in_sync        every managed SKU matches Wix
//   65 parked         the round did all it could; only parked SKUs are left, and they need
//                     the owner (fix them in Wix), not a retry
//   75 pending        try again later: offline, rate limited, a step failed, or changes wait
//                     (parked SKUs as well or not: a retry still helps the rest)
//   77 / 78           a key Wix refused or a setting to fix: nothing moves until it is fixed
struct SyncOutcome {
  int exit_code;
  const char* word;  // `sync --json` "outcome"
};
SyncOutcome sync_outcome(const SyncSummary& summary);

void print_sync_text(const SyncSummary& summary);
void print_sync_json(const SyncSummary& summary);

// "all 5 managed SKUs", "the 1 managed SKU", "no managed SKU yet" (`sync` and `status`).
std::string all_managed(int managed);

// [{"sku": ..., <text_key>: ...}] for parked or pending SKUs (`sync --json`, `status --json`).
cJSON* sku_notes_json(const std::vector<sync::SkuNote>& notes, const char* text_key);

}  // namespace shelfnode::cli
