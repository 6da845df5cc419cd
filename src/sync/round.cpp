#include "sync/round.h"

#include <algorithm>
#include <utility>

#include "shelfnode/core/logger.h"

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
  return Status::Ok();
}

void Round::held(std::size_t entries) {
  report.largest_batch = std::max(report.largest_batch, entries);
}

Status for_each_slice(Round& r, bool while_calling, const std::function<Status(Slice&)>& visit) {
  SliceReader reader(r.db, r.options.slice_skus);
  Slice slice;
  while (!(while_calling && r.stopped)) {
    Result<bool> more = reader.next(slice);
    if (!more.ok()) return more.status();
    if (!*more) break;
    r.report.largest_slice = std::max(r.report.largest_slice, slice.managed.size());
    SHELFNODE_RETURN_IF_ERROR(visit(slice));
  }
  return Status::Ok();
}

Plan plan_slice(const Round& r, Slice&& slice) {
  PlanInput in;
  in.managed = std::move(slice.managed);
  in.rows = std::move(slice.rows);
  in.catalog = std::move(slice.catalog);
  in.max_entries = r.api.max_delta_entries();
  in.retry_parked = r.options.retry_parked;
  return plan_round(in);
}

Status record_plan(Round& r, const Plan& plan) {
  std::vector<OutboxChange> changes;
  changes.reserve(plan.forget.size() + plan.unpark.size() + plan.parked.size());
  using K = OutboxChange::Kind;
  for (const std::string& sku : plan.forget) changes.push_back(OutboxChange::of(K::kForget, sku));
  for (const std::string& sku : plan.unpark) changes.push_back(OutboxChange::of(K::kUnpark, sku));
  for (const ParkedSku& p : plan.parked) {
    if (!p.is_new) continue;
    changes.push_back(OutboxChange::park(p.sku, p.target, p.reason, p.by));
    log_info("sync.parked", {{"sku", p.sku}, {"why", p.reason}});
  }
  return r.outbox.apply(changes);
}

Status plan_and_read(Round& r) {
  ReadBatch reads(r);
  // Every slice is planned even once Wix is gone: its parks and forgets are local.
  SHELFNODE_RETURN_IF_ERROR(for_each_slice(r, false, [&](Slice& slice) -> Status {
    Plan plan = plan_slice(r, std::move(slice));
    SHELFNODE_RETURN_IF_ERROR(record_plan(r, plan));
    for (ReadNeed& n : plan.reads) SHELFNODE_RETURN_IF_ERROR(reads.add(std::move(n)));
    return Status::Ok();
  }));
  return reads.flush();
}

}  // namespace shelfnode::sync
