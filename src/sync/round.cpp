#include "sync/round.h"

#include "shelfnode/core/logger.h"
#include "sync/planner_inputs.h"

namespace shelfnode::sync {

namespace {

void record(RoundReport& report, const char* step, const Status& why) {
  if (report.problem.ok()) report.problem = why;
  report.problems.push_back({step, why});
}

}  // namespace

void Round::stop(const char* step, const Status& why) {
  record(report, step, why);
  if (!stopped) log_warn("sync.stopped", {{"step", step}, {"why", why.message()}});
  stopped = true;
}

void Round::read_failed(const char* step, const Status& why) {
  switch (why.code()) {
    case Code::kUnavailable:
    case Code::kTemporary:
    case Code::kPermission:
    case Code::kUnauthenticated:
    case Code::kConfig:
      stop(step, why);
      break;
    default:
      record(report, step, why);
      log_warn("sync.read_failed", {{"step", step}, {"why", why.message()}});
      break;
  }
}

Status Round::refresh_targets() {
  Result<std::vector<ManagedSku>> managed = load_managed(db);
  if (!managed.ok()) return managed.status();
  targets.clear();
  for (const ManagedSku& m : *managed) targets.emplace(m.sku, m.target);
  return Status::Ok();
}

Result<Plan> Round::plan() {
  Result<OutboxRows> rows = outbox.load();
  if (!rows.ok()) return rows.status();
  PlanInput in;
  for (const auto& [sku, target] : targets) in.managed.push_back({sku, target});
  in.rows = std::move(rows).value();
  // Lent, not copied (a round plans several times, over every managed SKU's variants).
  in.catalog = std::move(catalog);
  in.max_entries = api.max_delta_entries();
  in.retry_parked = options.retry_parked;
  Plan plan = plan_round(in);
  catalog = std::move(in.catalog);
  return plan;
}

Status Round::pull() {
  ++report.calls.orders_pulls;
  Status pulled = pull_orders ? pull_orders() : Status::Ok();
  if (!pulled.ok()) {
    stop(kStepOrders, pulled);
    return Status::Ok();
  }
  orders_fresh = true;
  Result<int> doubts = outbox.check_reads();
  if (!doubts.ok()) return doubts.status();
  if (*doubts > 0) log_info("sync.reads_in_doubt", {{"skus", std::to_string(*doubts)}});
  return refresh_targets();
}

Status record_plan(Round& r, const Plan& plan) {
  std::vector<OutboxChange> changes;
  // Sized once: grown by doubling, 10,000 changes would briefly be held twice over.
  changes.reserve(plan.forget.size() + plan.unpark.size() + plan.parked.size());
  using K = OutboxChange::Kind;
  for (const std::string& sku : plan.forget) changes.push_back(OutboxChange::of(K::kForget, sku));
  for (const std::string& sku : plan.unpark) changes.push_back(OutboxChange::of(K::kUnpark, sku));
  for (const ParkedSku& p : plan.parked) {
    if (!p.is_new) continue;
    const auto t = r.targets.find(p.sku);
    changes.push_back(
        OutboxChange::park(p.sku, t == r.targets.end() ? 0 : t->second, p.reason, p.by));
    log_info("sync.parked", {{"sku", p.sku}, {"why", p.reason}});
  }
  return r.outbox.apply(changes);
}

}  // namespace shelfnode::sync
