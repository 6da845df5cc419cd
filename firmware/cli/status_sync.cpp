#include "cli/status_sync.h"

#include <cstdio>
#include <string>

#include "cli/sync_summary.h"
#include "shelfnode/core/plural.h"
#include "shelfnode/core/printable.h"

namespace shelfnode::cli {
namespace {

constexpr std::size_t kListed = 10;  // the text lists this many parked SKUs at most

void add_time(cJSON* o, const char* name, const std::string& at) {
  if (at.empty()) {
    cJSON_AddNullToObject(o, name);
  } else {
    cJSON_AddStringToObject(o, name, at.c_str());
  }
}

const char* or_never(const std::string& at) {
  return at.empty() ? "never" : at.c_str();
}

// When Wix last matched the device. A round that left only parked SKUs (they need the owner,
// not a retry) counts, with them named, so a shop with one untracked mug is not "never" in
// sync. Both times are format_utc_ms strings, so text order is time order.
std::string last_in_sync(const sync::SyncStatus& st) {
  if (st.last_complete_at.empty() || st.last_complete_at <= st.last_success_at) {
    return or_never(st.last_success_at);
  }
  const std::string but =
      st.parked.empty()
          ? "the SKUs parked then"
          : plural(static_cast<std::int64_t>(st.parked.size()), "parked SKU") + ", listed below";
  return st.last_complete_at + ", all but " + but;
}

}  // namespace

void add_sync_json(cJSON* root, const sync::SyncStatus& st) {
  cJSON* o = cJSON_AddObjectToObject(root, "sync");
  cJSON_AddNumberToObject(o, "managed", st.managed);
  cJSON_AddNumberToObject(o, "queue_depth", st.queue_depth);
  add_time(o, "oldest_pending_change", st.oldest_pending_change);
  cJSON_AddNumberToObject(o, "uncertain", st.uncertain);
  cJSON_AddItemToObject(o, "parked", sku_notes_json(st.parked, "reason"));
  cJSON_AddItemToObject(o, "pending", sku_notes_json(st.pending, "why"));
  add_time(o, "last_round_at", st.last_round_at);
  add_time(o, "last_success_at", st.last_success_at);
  add_time(o, "last_complete_at", st.last_complete_at);
  add_time(o, "last_reconcile_at", st.last_reconcile_at);
  cJSON_AddNumberToObject(o, "drift_found", static_cast<double>(st.drift_found));
  cJSON_AddNumberToObject(o, "drift_repaired", static_cast<double>(st.drift_repaired));
}

void print_sync_status_text(const sync::SyncStatus& st, bool connected) {
  if (st.queue_depth == 0) {
    std::printf("sync:         in sync: Wix shows the target of %s\n",
                all_managed(st.managed).c_str());
  } else if (st.pending.empty()) {
    // Another round would change nothing: only the owner can.
    std::printf("sync:         done but for %s, which %s you: Wix shows the target of the "
                "other %d\n",
                plural(st.queue_depth, "parked SKU").c_str(),
                st.queue_depth == 1 ? "needs" : "need", st.managed - st.queue_depth);
  } else {
    const bool one = st.queue_depth == 1;
    std::printf("sync:         %d of %s %s for Wix, oldest change %s%s\n", st.queue_depth,
                plural(st.managed, "managed SKU").c_str(), one ? "waits" : "wait",
                st.oldest_pending_change.empty() ? "-" : st.oldest_pending_change.c_str(),
                connected ? "" : one ? " (connect to push it)" : " (connect to push them)");
  }
  if (st.uncertain > 0) {
    std::printf("in doubt:     %s (a write may have landed): the next sync reads %s back\n",
                plural(st.uncertain, "SKU").c_str(), st.uncertain == 1 ? "it" : "them");
  }
  std::printf("last sync:    %s (last in sync: %s; last reconciliation: %s)\n",
              or_never(st.last_round_at), last_in_sync(st).c_str(), or_never(st.last_reconcile_at));
  if (st.drift_found > 0) {
    std::printf("drift:        %lld found in Wix, %lld repaired\n",
                static_cast<long long>(st.drift_found), static_cast<long long>(st.drift_repaired));
  }
  if (!st.parked.empty()) {
    std::printf("parked:       %s not pushed until fixed:\n",
                plural(static_cast<std::int64_t>(st.parked.size()), "SKU is", "SKUs are").c_str());
    for (std::size_t i = 0; i < st.parked.size() && i < kListed; ++i) {
      std::printf("  %s: %s\n", printable(st.parked[i].sku).c_str(),
                  printable(st.parked[i].text).c_str());
    }
    if (st.parked.size() > kListed) {
      std::printf("  ... and %zu more (status --json lists all)\n", st.parked.size() - kListed);
    }
  }
}

}  // namespace shelfnode::cli
