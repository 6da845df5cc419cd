#include <cstdio>

#include "cli/commands.h"
#include "shelfnode/catalog/catalog.h"
#include "shelfnode/core/printable.h"
#include "shelfnode/ledger/warehouses.h"
#include "shelfnode/scan/scan_code.h"

namespace shelfnode::cli {
namespace {

// One leg of a movement command, resolved before anything is written.
struct Leg {
  ledger::Warehouse warehouse;
  ledger::MovementKind kind;
};

Result<std::string> required_warehouse(const Args& args, const char* option) {
  if (!args.has(option)) {
    return usage_error(std::string("--") + option + " W is required: name the warehouse (see " +
                       "`shelfnode warehouse list`)");
  }
  const std::string name = args.get(option);
  SHELFNODE_RETURN_IF_ERROR(ledger::validate_warehouse_name(name));
  return name;
}

void print_ok(const ledger::Movement& m, std::int64_t qty, const ledger::Warehouse& w) {
  std::printf("OK %s %s %lld (%s now %lld)\n", m.id.c_str(), printable(m.sku).c_str(),
              static_cast<long long>(qty), w.name.c_str(), static_cast<long long>(m.stock_after));
  if (m.stock_after < 0 && m.delta < 0) {
    std::fprintf(stderr,
                 "shelfnode: note: %s is below zero in %s (%lld): more went out than was booked "
                 "in. It is stored (the shelf is the truth) and Wix shows 0; receive or count "
                 "it to put it right.\n",
                 printable(m.sku).c_str(), w.name.c_str(), static_cast<long long>(m.stock_after));
  }
}

// Validates everything, then writes all legs in one transaction.
int record(App& app, const Args& args, const char* command,
           std::vector<std::pair<const char*, ledger::MovementKind>> legs_spec) {
  const bool is_count = legs_spec.front().second == ledger::MovementKind::kCount;
  Result<std::int64_t> qty = parse_quantity(args.positionals[1], is_count);
  if (!qty.ok()) return fail(qty.status());
  std::vector<std::string> names;
  for (const auto& spec : legs_spec) {
    Result<std::string> name = required_warehouse(args, spec.first);
    if (!name.ok()) return fail(name.status());
    names.push_back(*name);
  }
  if (names.size() == 2 && names[0] == names[1]) {
    return fail(usage_error("--from and --to name the same warehouse: nothing to move"));
  }
  Status s = app.open_for_write(command);
  if (!s.ok()) return fail(s);
  // A fat finger (1000 for 10) costs a stocktake to find; past the till's limit the command
  // line asks for --yes instead of guessing.
  const std::int64_t limit = app.config().scan.max_quantity;
  if (*qty > limit && !args.has("yes")) {
    return fail(usage_error("quantity " + std::to_string(*qty) + " is more than " +
                            std::to_string(limit) +
                            " (scan.max_quantity): check it, then run the command again with "
                            "--yes to record it"));
  }
  Result<scan::ScanCode> code = scan::interpret(args.positionals[0]);
  if (!code.ok()) return fail(code.status());
  if (code->quantity != 1) {
    return fail(usage_error("the code carries a GS1 count of " + std::to_string(code->quantity) +
                            ": give the code without its count and that number as QTY"));
  }
  Result<catalog::Match> match = catalog::find(app.db(), *code);
  if (!match.ok()) return fail(match.status());
  std::vector<Leg> legs;
  for (std::size_t i = 0; i < names.size(); ++i) {
    Result<ledger::Warehouse> w = ledger::find_warehouse(app.db(), names[i]);
    if (!w.ok()) return fail(w.status());
    legs.push_back(Leg{*w, legs_spec[i].second});
  }
  auto tx = store::Transaction::begin(app.db());
  if (!tx.ok()) return fail(tx.status());
  std::vector<ledger::Movement> done;
  for (const Leg& leg : legs) {
    ledger::MovementRequest req;
    req.code = code->text;
    req.sku = match->sku;
    req.warehouse_id = leg.warehouse.id;
    req.kind = leg.kind;
    req.quantity = *qty;
    req.source = "cli";
    Result<ledger::Movement> m = app.ledger().record(req);
    if (!m.ok()) return fail(m.status());
    done.push_back(std::move(m).value());
  }
  s = (*tx)->commit();
  if (!s.ok()) return fail(s.with_context("nothing was recorded"));
  for (std::size_t i = 0; i < done.size(); ++i) print_ok(done[i], *qty, legs[i].warehouse);
  const std::string not_pushed = catalog::not_pushed_reason(*match);
  if (!not_pushed.empty()) std::fprintf(stderr, "shelfnode: note: %s\n", not_pushed.c_str());
  return 0;
}

}  // namespace

int run_receive(App& app, const Args& args) {
  return record(app, args, "receive", {{"warehouse", ledger::MovementKind::kReceive}});
}

int run_sell(App& app, const Args& args) {
  return record(app, args, "sell", {{"warehouse", ledger::MovementKind::kSell}});
}

int run_count(App& app, const Args& args) {
  return record(app, args, "count", {{"warehouse", ledger::MovementKind::kCount}});
}

int run_move(App& app, const Args& args) {
  return record(app, args, "move",
                {{"from", ledger::MovementKind::kMoveOut}, {"to", ledger::MovementKind::kMoveIn}});
}

}  // namespace shelfnode::cli
