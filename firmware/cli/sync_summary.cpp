#include "cli/sync_summary.h"

#include <cstdio>
#include <initializer_list>
#include <utility>

#include "shelfnode/core/json.h"
#include "shelfnode/core/logger.h"
#include "shelfnode/core/plural.h"
#include "shelfnode/core/printable.h"

namespace shelfnode::cli {
namespace {

constexpr std::size_t kListed = 20;  // the text lists this many parked/pending SKUs at most
constexpr const char* kOrdersStep = "orders pull";

void print_notes(const char* title, const std::vector<sync::SkuNote>& notes) {
  if (notes.empty()) return;
  std::printf("%s (%zu):\n", title, notes.size());
  for (std::size_t i = 0; i < notes.size() && i < kListed; ++i) {
    std::printf("  %s: %s\n", printable(notes[i].sku).c_str(), printable(notes[i].text).c_str());
  }
  if (notes.size() > kListed)
    std::printf("  ... and %zu more (--json lists all)\n", notes.size() - kListed);
}

void add_counts(cJSON* o, std::initializer_list<std::pair<const char*, int>> counts) {
  for (const auto& [name, n] : counts) cJSON_AddNumberToObject(o, name, n);
}

std::string problem_line(const sync::StepProblem& p) {
  return p.step + ": " + printable(logger().redact(p.status.message()));
}

void join(std::string& text, const std::string& part) {
  if (!part.empty()) text += (text.empty() ? "" : ", ") + part;
}

std::string count_of(int n, const char* what) {
  return n == 0 ? "" : std::to_string(n) + " " + what;
}

// "1 new online order: 1 line applied": orders seen again (the cursor's own, or a second
// pull in the same round) are not news.
std::string orders_text(const OrdersTotals& o) {
  if (o.pulls == 0) return "not pulled (see below)";
  if (o.orders_new == 0) return "no new online orders";
  std::string lines = plural(o.lines_applied, "line") + " applied";
  join(lines, count_of(o.lines_reversed, "reversed (canceled)"));
  join(lines, count_of(o.lines_skipped, "skipped"));
  return plural(o.orders_new, "new online order") + ": " + lines;
}

// What the writes tried, then what became of them: a call Wix never processed is not a
// change pushed.
std::string push_text(const sync::RoundReport& r) {
  const sync::PushOutcomes& p = r.push;
  std::string text = "nothing to push";
  if (p.calls() > 0) {
    std::string kinds;
    join(kinds, count_of(p.increments, "increment"));
    join(kinds, count_of(p.decrements, "decrement"));
    join(kinds, count_of(p.sets, "absolute set"));
    if (r.calls.writes() != p.calls()) join(kinds, plural(r.calls.writes(), "request"));
    const int tried = p.tried();
    std::string became;
    if (p.landed == tried) {
      became = tried == 1 ? "landed in Wix" : "all landed in Wix";
    } else if (p.not_sent == tried) {
      became = "nothing reached Wix";
    } else {
      became = p.landed == 0 ? "nothing landed in Wix" : std::to_string(p.landed) + " landed in Wix";
      join(became, count_of(p.not_sent, "not sent"));
      join(became, count_of(p.unanswered, "unanswered (read back next round)"));
      join(became, count_of(p.refused, "refused by Wix"));
    }
    text = plural(tried, "change") + " in " + plural(p.calls(), "call") + " (" + kinds +
           "): " + became;
  }
  if (r.skus_read > 0) text += "; " + plural(r.skus_read, "SKU") + " read from Wix";
  return text;
}

bool needs_owner(const Status& s) {
  return s.code() == Code::kPermission || s.code() == Code::kUnauthenticated ||
         s.code() == Code::kConfig;
}

// What to do, said once however many steps met it: a key Wix no longer knows.
std::string fix_text(const SyncSummary& s, const std::vector<sync::StepProblem>& problems) {
  for (const sync::StepProblem& p : problems) {
    if (p.status.code() == Code::kUnauthenticated) return s.key_remedy;
  }
  return "";
}

void print_problems(const SyncSummary& s) {
  const std::vector<sync::StepProblem> problems = failed_steps(s);
  if (problems.empty()) return;
  if (problems.size() == 1) {
    std::printf("stopped early: %s\n", problem_line(problems.front()).c_str());
  } else {
    std::printf("stopped early, %zu steps failed:\n", problems.size());
    for (const sync::StepProblem& p : problems) std::printf("  %s\n", problem_line(p).c_str());
  }
  const std::string fix = fix_text(s, problems);
  if (!fix.empty()) std::printf("to fix: %s\n", printable(fix).c_str());
  bool owner = false;
  for (const sync::StepProblem& p : problems) owner = owner || needs_owner(p.status);
  std::printf(owner ? "Nothing is lost: the changes wait until that is fixed, then `shelfnode "
                      "sync` carries on.\n"
                    : "Nothing is lost: the changes wait and the next `shelfnode sync` carries "
                      "on.\n");
}

}  // namespace

void OrdersTotals::add(const sync::OrdersPullReport& r) {
  ++pulls;
  orders_seen += r.orders_seen;
  orders_new += r.orders_new;
  lines_applied += r.lines_applied;
  lines_skipped += r.lines_skipped;
  lines_reversed += r.lines_reversed;
  requests += r.requests;
}

std::vector<sync::StepProblem> failed_steps(const SyncSummary& s) {
  std::vector<sync::StepProblem> out;
  if (!s.orders_status.ok()) out.push_back({kOrdersStep, s.orders_status});
  for (const sync::StepProblem& p : s.round.problems) {
    // A later pull in the same round failing too says nothing new.
    if (p.step == kOrdersStep && !s.orders_status.ok()) continue;
    out.push_back(p);
  }
  return out;
}

SyncOutcome sync_outcome(const SyncSummary& s) {
  const std::vector<sync::StepProblem> problems = failed_steps(s);
  for (const sync::StepProblem& p : problems) {
    if (p.status.code() == Code::kPermission || p.status.code() == Code::kUnauthenticated) {
      return {p.status.exit_code(), "permission"};
    }
    if (p.status.code() == Code::kConfig) return {p.status.exit_code(), "configuration"};
  }
  const sync::RoundReport& r = s.round;
  if (problems.empty() && r.pending.empty()) {
    if (r.converged) return {0, "in_sync"};
    if (!r.parked.empty()) return {Status(Code::kBadData, "").exit_code(), "parked"};
  }
  return {Status(Code::kTemporary, "").exit_code(), "pending"};
}

std::string all_managed(int managed) {
  if (managed == 0) return "no managed SKU yet";
  return (managed == 1 ? "the " : "all ") + plural(managed, "managed SKU");
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

namespace {

// The first line: how the round ended, in the words of the outcome's exit status.
std::string headline(const SyncSummary& s, const SyncOutcome& outcome) {
  const sync::RoundReport& r = s.round;
  const int left = r.managed - r.converged_skus;
  const std::string managed = plural(r.managed, "managed SKU");
  switch (outcome.exit_code) {
    case 0:
      return "in sync: Wix matches " + all_managed(r.managed);
    case 65:
      return "done, but " + plural(left, "parked SKU needs", "parked SKUs need") +
             " you (a retry will not help)" +
             (r.converged_skus == 0
                  ? std::string()
                  : "; Wix matches the other " + plural(r.converged_skus, "managed SKU"));
    case 75:
      return "pending: " + std::to_string(left) + " of " + managed +
             (left == 1 ? " still differs from Wix or waits" : " still differ from Wix or wait") +
             "; try again later";
    default:
      break;
  }
  return "stopped: " + std::to_string(left) + " of " + managed +
         (left == 1 ? " waits" : " wait") + " until the problem below is fixed";
}

}  // namespace

void print_sync_text(const SyncSummary& s) {
  const sync::RoundReport& r = s.round;
  std::printf("sync: %s (%s)\n", headline(s, sync_outcome(s)).c_str(), s.catalog_version.c_str());
  std::printf("orders:    %s\n", orders_text(s.orders).c_str());
  std::printf("pushed:    %s\n", push_text(r).c_str());
  if (r.settled > 0 || r.refused > 0) {
    std::printf("settled:   %s in doubt read back; %s refused by Wix\n",
                plural(r.settled, "SKU").c_str(), plural(r.refused, "decrement").c_str());
  }
  if (r.reconciled) {
    std::printf("reconcile: %d drifted from Wix, %d repaired\n", r.drift_found, r.drift_repaired);
  }
  print_notes("parked", r.parked);
  print_notes("pending", r.pending);
  print_problems(s);
}

void print_sync_json(const SyncSummary& s) {
  const sync::RoundReport& r = s.round;
  JsonPtr root(cJSON_CreateObject());
  const SyncOutcome outcome = sync_outcome(s);
  cJSON_AddStringToObject(root.get(), "outcome", outcome.word);
  cJSON_AddNumberToObject(root.get(), "exit_code", outcome.exit_code);
  cJSON_AddBoolToObject(root.get(), "converged", r.converged && s.orders_status.ok());
  cJSON_AddStringToObject(root.get(), "catalog_version", s.catalog_version.c_str());
  cJSON_AddNumberToObject(root.get(), "managed", r.managed);
  cJSON_AddNumberToObject(root.get(), "in_sync", r.converged_skus);
  cJSON* orders = cJSON_AddObjectToObject(root.get(), "orders");
  cJSON_AddBoolToObject(orders, "ok", s.orders_status.ok());
  const OrdersTotals& o = s.orders;
  add_counts(orders, {{"pulls", o.pulls},
                      {"orders_seen", o.orders_seen},
                      {"orders_new", o.orders_new},
                      {"lines_applied", o.lines_applied},
                      {"lines_reversed", o.lines_reversed},
                      {"lines_skipped", o.lines_skipped},
                      {"requests", o.requests}});
  add_counts(cJSON_AddObjectToObject(root.get(), "calls"), {{"read", r.calls.read},
                                                           {"read_all", r.calls.read_all},
                                                           {"increment", r.calls.increment},
                                                           {"decrement", r.calls.decrement},
                                                           {"set", r.calls.set}});
  add_counts(cJSON_AddObjectToObject(root.get(), "push"), {{"calls", r.push.calls()},
                                                          {"changes", r.push.tried()},
                                                          {"landed", r.push.landed},
                                                          {"not_sent", r.push.not_sent},
                                                          {"unanswered", r.push.unanswered},
                                                          {"refused", r.push.refused}});
  add_counts(root.get(), {{"pushed_entries", r.push.landed},
                          {"skus_read", r.skus_read},
                          {"settled", r.settled},
                          {"refused", r.refused}});
  cJSON_AddBoolToObject(root.get(), "reconciled", r.reconciled);
  add_counts(root.get(), {{"drift_found", r.drift_found}, {"drift_repaired", r.drift_repaired}});
  cJSON_AddItemToObject(root.get(), "parked", sku_notes_json(r.parked, "reason"));
  cJSON_AddItemToObject(root.get(), "pending", sku_notes_json(r.pending, "why"));
  const std::vector<sync::StepProblem> problems = failed_steps(s);
  cJSON* list = cJSON_AddArrayToObject(root.get(), "problems");
  for (const sync::StepProblem& p : problems) {
    cJSON* o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "step", p.step.c_str());
    cJSON_AddStringToObject(o, "message", logger().redact(p.status.message()).c_str());
    cJSON_AddItemToArray(list, o);
  }
  if (problems.empty()) {
    cJSON_AddNullToObject(root.get(), "problem");
  } else {
    cJSON_AddStringToObject(root.get(), "problem", problem_line(problems.front()).c_str());
  }
  const std::string fix = fix_text(s, problems);
  if (fix.empty()) {
    cJSON_AddNullToObject(root.get(), "fix");
  } else {
    cJSON_AddStringToObject(root.get(), "fix", fix.c_str());
  }
  std::printf("%s\n", to_json_pretty(root.get()).c_str());
}

}  // namespace shelfnode::cli
