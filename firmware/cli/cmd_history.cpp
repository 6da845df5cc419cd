// `history` (what happened to a code, a warehouse, the shop) and `void` (undo a wrong scan).
#include <cstdio>

#include "cli/commands.h"
#include "cli/local_time.h"
#include "cli/movement_view.h"
#include "cli/streamed_json.h"
#include "cli/table.h"
#include "shelfnode/catalog/catalog.h"
#include "shelfnode/core/printable.h"
#include "shelfnode/ledger/history.h"
#include "shelfnode/ledger/void_movement.h"
#include "shelfnode/ledger/warehouses.h"

namespace shelfnode::cli {
namespace {

constexpr std::int64_t kDefaultLimit = 20;
constexpr std::int64_t kMaxLimit = 1'000'000'000;
constexpr std::size_t kMaxReason = 200;

Result<std::int64_t> parse_limit(const Args& args) {
  if (!args.has("limit")) return kDefaultLimit;
  const std::string text = args.get("limit");
  const std::optional<std::int64_t> n = decimal_digits(text, 10);
  if (!n || *n < 1 || *n > kMaxLimit) {
    return usage_error("--limit '" + printable(text) +
                       "' is not a count: use a whole number from 1 (newest first), e.g. "
                       "--limit 100; `shelfnode export movements` writes them all");
  }
  return *n;
}

// The SKU a code means: the catalog's answer, or the code itself when the catalog does not
// know it (a SKU dropped from Wix still has its history).
Result<std::string> sku_of(store::Database& db, const std::string& code) {
  Result<catalog::Match> m = catalog::find(db, code);
  if (m.ok()) return m->sku;
  if (m.status().code() == Code::kNotFound) return code;
  return m.status();
}

Result<ledger::MovementFilter> history_filter(App& app, const Args& args) {
  ledger::MovementFilter f;
  Result<std::int64_t> limit = parse_limit(args);
  if (!limit.ok()) return limit.status();
  f.limit = *limit;
  if (args.has("since")) {
    Result<std::string> since = parse_since(args.get("since"), app.clock().now_ms());
    if (!since.ok()) return since.status();
    f.since = *since;
  }
  if (args.has("warehouse")) {
    Result<ledger::Warehouse> w = ledger::find_warehouse(app.db(), args.get("warehouse"));
    if (!w.ok()) return w.status();
    f.warehouse_id = w->id;
  }
  if (!args.positionals.empty()) {
    Result<std::string> sku = sku_of(app.db(), args.positionals[0]);
    if (!sku.ok()) return sku.status();
    f.sku = *sku;
  }
  return f;
}

std::string signed_text(std::int64_t n) {
  return (n > 0 ? "+" : "") + std::to_string(n);
}

void print_row(const ledger::StoredMovement& m) {
  const std::string remark = movement_remark(m);
  std::printf("%s  %s  %s  %s  %6s  %s  %s%s%s\n", local_time_text(m.at).c_str(),
              fit(m.kind, 12).c_str(), fit(printable(m.sku), 16).c_str(),
              fit(m.warehouse, 10).c_str(), signed_text(m.delta).c_str(),
              fit(printable(m.source), 12).c_str(), m.id.c_str(), remark.empty() ? "" : "  ",
              remark.c_str());
}

// `reason` as the clerk typed it, or why it cannot be stored.
Status check_reason(const std::string& reason) {
  bool printable_text = is_valid_utf8(reason);
  for (char c : reason) {
    printable_text = printable_text && (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f);
  }
  if (!printable_text || reason.size() > kMaxReason) {
    return usage_error("--reason must be one line of text, at most " +
                       std::to_string(kMaxReason) + " bytes (e.g. --reason \"scanned twice\")");
  }
  return Status::Ok();
}

// Which movement `void` undoes: the UUID given, or the warehouse's last with --last.
Result<std::string> void_target(App& app, const Args& args) {
  if (!args.has("last")) return args.positionals[0];
  Result<ledger::Warehouse> w = ledger::find_warehouse(app.db(), args.get("warehouse"));
  if (!w.ok()) return w.status();
  Result<std::optional<ledger::StoredMovement>> last = ledger::last_voidable(app.db(), w->id);
  if (!last.ok()) return last.status();
  if (!*last) {
    return bad_data("warehouse " + w->name +
                    " has no movement left to void (voids and online orders are not undone "
                    "here): see `shelfnode history --warehouse " + w->name + "`");
  }
  return (*last)->id;
}

void print_voided(const ledger::Voided& v) {
  const ledger::StoredMovement& o = v.original;
  std::printf("OK %s %s %s (%s now %lld): voided %s (%s %s, %s)\n", v.compensation.id.c_str(),
              printable(o.sku).c_str(), signed_text(v.compensation.delta).c_str(),
              o.warehouse.c_str(), static_cast<long long>(v.compensation.stock_after),
              o.id.c_str(), o.kind.c_str(), signed_text(o.delta).c_str(),
              local_time_text(o.at).c_str());
}

cJSON* voided_json(const ledger::Voided& v) {
  cJSON* o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "id", v.compensation.id.c_str());
  cJSON_AddStringToObject(o, "voids", v.original.id.c_str());
  cJSON_AddStringToObject(o, "sku", export_text(v.original.sku).c_str());
  cJSON_AddStringToObject(o, "warehouse", v.original.warehouse.c_str());
  cJSON_AddNumberToObject(o, "delta", static_cast<double>(v.compensation.delta));
  cJSON_AddNumberToObject(o, "stock_after", static_cast<double>(v.compensation.stock_after));
  return o;
}

}  // namespace

int run_history(App& app, const Args& args) {
  if (args.has("warehouse")) {
    Status name = ledger::validate_warehouse_name(args.get("warehouse"));
    if (!name.ok()) return fail(name);
  }
  Status s = app.open_for_read();
  if (!s.ok()) return fail(s);
  Result<ledger::MovementFilter> filter = history_filter(app, args);
  if (!filter.ok()) return fail(filter.status());
  std::int64_t shown = 0;
  if (args.json()) {
    StreamedArray out(stdout, "movements");
    s = ledger::each_movement(app.db(), *filter, [&](const ledger::StoredMovement& m) {
      out.add(movement_json(m));
      return Status::Ok();
    });
    if (s.ok()) s = out.finish();
    return s.ok() ? 0 : fail(s);
  }
  s = ledger::each_movement(app.db(), *filter, [&](const ledger::StoredMovement& m) {
    if (shown++ == 0) {
      std::printf("%-19s  %s  %s  %s  %6s  %s  %-36s  NOTE\n", "TIME", fit("KIND", 12).c_str(),
                  fit("SKU", 16).c_str(), fit("WAREHOUSE", 10).c_str(), "QTY",
                  fit("SOURCE", 12).c_str(), "ID");
    }
    print_row(m);
    return Status::Ok();
  });
  if (!s.ok()) return fail(s);
  if (shown == 0) {
    std::printf("no movements%s\n", filter->sku || filter->warehouse_id || filter->since
                                        ? " match: widen --since, or drop the code or --warehouse"
                                        : " yet: receive, count or scan something first");
  } else if (shown == filter->limit) {
    std::printf("(newest %lld shown, newest first: --limit N for more, --since T for a period)\n",
                static_cast<long long>(shown));
  }
  return 0;
}

int run_void(App& app, const Args& args) {
  const bool last = args.has("last");
  if (last == !args.positionals.empty()) {
    return fail(usage_error("void needs the movement's id (from `shelfnode history`) or --last "
                            "--warehouse W, not both"));
  }
  if (last && !args.has("warehouse")) {
    return fail(usage_error("void --last needs --warehouse W: the warehouse whose last "
                            "movement is undone"));
  }
  if (!last && args.has("warehouse")) {
    return fail(usage_error("--warehouse goes with --last; an id already names one movement"));
  }
  const std::string reason = args.get("reason");
  Status s = check_reason(reason);
  if (s.ok() && last) s = ledger::validate_warehouse_name(args.get("warehouse"));
  if (s.ok()) s = app.open_for_write("void");
  if (!s.ok()) return fail(s);
  auto tx = store::Transaction::begin(app.db());
  if (!tx.ok()) return fail(tx.status());
  Result<std::string> id = void_target(app, args);
  if (!id.ok()) return fail(id.status());
  Result<std::vector<ledger::Voided>> done =
      ledger::void_movement(app.db(), app.ledger(), *id, reason, "cli");
  if (!done.ok()) return fail(done.status());
  s = (*tx)->commit();
  if (!s.ok()) return fail(s.with_context("nothing was voided"));
  if (args.json()) {
    JsonPtr root(cJSON_CreateObject());
    cJSON* arr = cJSON_AddArrayToObject(root.get(), "voided");
    for (const ledger::Voided& v : *done) cJSON_AddItemToArray(arr, voided_json(v));
    std::printf("%s\n", to_json_pretty(root.get()).c_str());
    return 0;
  }
  for (const ledger::Voided& v : *done) print_voided(v);
  return 0;
}

}  // namespace shelfnode::cli
