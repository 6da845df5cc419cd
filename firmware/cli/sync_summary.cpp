#include "cli/sync_summary.h"

#include <cstdio>

#include "shelfnode/core/json.h"
#include "shelfnode/core/logger.h"
#include "shelfnode/core/plural.h"
#include "shelfnode/core/printable.h"

namespace shelfnode::cli {
namespace {

constexpr std::size_t kListed = 20;  // the text lists this many parked/pending SKUs at most

void print_notes(const char* title, const std::vector<sync::SkuNote>& notes) {
  if (notes.empty()) return;
  std::printf("%s (%zu):\n", title, notes.size());
  for (std::size_t i = 0; i < notes.size() && i < kListed; ++i) {
    std::printf("  %s: %s\n", printable(notes[i].sku).c_str(), printable(notes[i].text).c_str());
  }
  if (notes.size() > kListed)
    std::printf("  ... and %zu more (--json lists all)\n", notes.size() - kListed);
}

std::string problem_text(const SyncSummary& s) {
  if (!s.orders_status.ok()) {
    return "orders pull: " + printable(logger().redact(s.orders_status.message()));
  }
  if (!s.round.problem.ok()) return printable(logger().redact(s.round.problem.message()));
  return "";
}

}  // namespace

void OrdersTotals::add(const sync::OrdersPullReport& r) {
  ++pulls;
  orders_seen += r.orders_seen;
  lines_applied += r.lines_applied;
  lines_skipped += r.lines_skipped;
  lines_reversed += r.lines_reversed;
  requests += r.requests;
}

cJSON* sku_notes_json(const std::vector<sync::SkuNote>& notes, const char* text_key) {
  cJSON* arr = cJSON_CreateArray();
  for (const auto& n : notes) {
    cJSON* o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "sku", n.sku.c_str());
    cJSON_AddStringToObject(o, text_key, n.text.c_str());
    cJSON_AddItemToArray(arr, o);
  }
  return arr;
}

void print_sync_text(const SyncSummary& s) {
  const sync::RoundReport& r = s.round;
  if (r.converged && s.orders_status.ok()) {
    std::printf("sync: in sync: Wix matches all %s (%s)\n",
                plural(r.managed, "managed SKU").c_str(), s.catalog_version.c_str());
  } else {
    std::printf("sync: pending: %d of %s still differ from Wix or wait (%s)\n",
                r.managed - r.converged_skus, plural(r.managed, "managed SKU").c_str(),
                s.catalog_version.c_str());
  }
  std::printf("orders:    %s seen, %s applied, %d reversed, %d skipped\n",
              plural(s.orders.orders_seen, "order").c_str(),
              plural(s.orders.lines_applied, "line").c_str(), s.orders.lines_reversed,
              s.orders.lines_skipped);
  const sync::CallCounts& c = r.calls;
  std::printf("pushed:    %s in %s (%d increment, %d decrement, %d absolute set); %s read from Wix\n",
              plural(r.pushed_entries, "change").c_str(), plural(c.writes(), "call").c_str(),
              c.increment, c.decrement, c.set, plural(r.skus_read, "SKU").c_str());
  if (r.settled > 0 || r.refused > 0) {
    std::printf("settled:   %s in doubt read back; %s refused by Wix\n",
                plural(r.settled, "SKU").c_str(), plural(r.refused, "decrement").c_str());
  }
  if (r.reconciled) {
    std::printf("reconcile: %d drifted from Wix, %d repaired\n", r.drift_found, r.drift_repaired);
  }
  print_notes("parked", r.parked);
  print_notes("pending", r.pending);
  const std::string problem = problem_text(s);
  if (!problem.empty()) {
    std::printf(
        "stopped early: %s\nNothing is lost: the changes wait and the next `shelfnode sync` "
        "carries on.\n",
        problem.c_str());
  }
}

void print_sync_json(const SyncSummary& s) {
  const sync::RoundReport& r = s.round;
  JsonPtr root(cJSON_CreateObject());
  cJSON_AddBoolToObject(root.get(), "converged", r.converged && s.orders_status.ok());
  cJSON_AddStringToObject(root.get(), "catalog_version", s.catalog_version.c_str());
  cJSON_AddNumberToObject(root.get(), "managed", r.managed);
  cJSON_AddNumberToObject(root.get(), "in_sync", r.converged_skus);
  cJSON* orders = cJSON_AddObjectToObject(root.get(), "orders");
  cJSON_AddBoolToObject(orders, "ok", s.orders_status.ok());
  cJSON_AddNumberToObject(orders, "pulls", s.orders.pulls);
  cJSON_AddNumberToObject(orders, "orders_seen", s.orders.orders_seen);
  cJSON_AddNumberToObject(orders, "lines_applied", s.orders.lines_applied);
  cJSON_AddNumberToObject(orders, "lines_reversed", s.orders.lines_reversed);
  cJSON_AddNumberToObject(orders, "lines_skipped", s.orders.lines_skipped);
  cJSON_AddNumberToObject(orders, "requests", s.orders.requests);
  cJSON* calls = cJSON_AddObjectToObject(root.get(), "calls");
  cJSON_AddNumberToObject(calls, "read", r.calls.read);
  cJSON_AddNumberToObject(calls, "read_all", r.calls.read_all);
  cJSON_AddNumberToObject(calls, "increment", r.calls.increment);
  cJSON_AddNumberToObject(calls, "decrement", r.calls.decrement);
  cJSON_AddNumberToObject(calls, "set", r.calls.set);
  cJSON_AddNumberToObject(root.get(), "pushed_entries", r.pushed_entries);
  cJSON_AddNumberToObject(root.get(), "skus_read", r.skus_read);
  cJSON_AddNumberToObject(root.get(), "settled", r.settled);
  cJSON_AddNumberToObject(root.get(), "refused", r.refused);
  cJSON_AddBoolToObject(root.get(), "reconciled", r.reconciled);
  cJSON_AddNumberToObject(root.get(), "drift_found", r.drift_found);
  cJSON_AddNumberToObject(root.get(), "drift_repaired", r.drift_repaired);
  cJSON_AddItemToObject(root.get(), "parked", sku_notes_json(r.parked, "reason"));
  cJSON_AddItemToObject(root.get(), "pending", sku_notes_json(r.pending, "why"));
  const std::string problem = problem_text(s);
  if (problem.empty()) {
    cJSON_AddNullToObject(root.get(), "problem");
  } else {
    cJSON_AddStringToObject(root.get(), "problem", problem.c_str());
  }
  std::printf("%s\n", to_json_pretty(root.get()).c_str());
}

}  // namespace shelfnode::cli
