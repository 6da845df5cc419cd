#include <deque>
#include <iterator>
#include <utility>

#include "shelfnode/core/logger.h"
#include "shelfnode/wix/errors.h"
#include "sync/round.h"

namespace shelfnode::sync {
namespace {

using K = OutboxChange::Kind;

// Refusals about the site or the key, not the entry: parking every SKU for them would hide
// the one thing the owner has to fix. They stop the round instead (exit 77 / 78).
bool site_level(const wix::WixError& e) {
  return e.http_status == 401 || e.http_status == 403 || e.code == "MISSING_METASITE_ID" ||
         e.code == "CATALOG_VERSION_MISMATCH" || e.code == "STORES_NOT_INSTALLED";
}

// A refusal that names its entry: a V3 per-item failure inside an HTTP 200, or an entry the
// InventoryApi refused to send (http_status 0, a SHELFNODE_* code).
bool names_its_entry(const wix::WixError& e) {
  return e.http_status == 200 || (e.http_status == 0 && e.code.rfind("SHELFNODE_", 0) == 0);
}

// Every entry refused for one and the same reason by the call as a whole (V1 calls are all
// or nothing), so the reason may belong to one entry only.
bool whole_call_refused(const std::vector<EntryOutcome>& out) {
  for (const EntryOutcome& o : out) {
    const wix::WixError& a = o.error;
    const wix::WixError& b = out.front().error;
    if (o.outcome != wix::Outcome::kRejected || names_its_entry(a) ||
        a.http_status != b.http_status || a.code != b.code || a.description != b.description) {
      return false;
    }
  }
  return !out.empty();
}

// Wix's per-item code for a stale revision is UNDOCUMENTED (API.md §5.3); the emulator says
// REVISION_MISMATCH, and a whole-call conflict is a 409 [R9].
bool revision_conflict(const wix::WixError& e) {
  return e.http_status == 409 || e.code.find("REVISION") != std::string::npos;
}

std::string refusal_text(const wix::WixError& e) {
  std::string what = e.code.empty() ? "HTTP " + std::to_string(e.http_status) : e.code;
  if (!e.description.empty()) what += ": " + e.description;
  if (e.http_status == 0) return "not sent to Wix (" + what + ")";
  return "Wix refused the write (" + what +
         "); fix it in Wix, then run `shelfnode sync --retry-parked`";
}

std::int64_t sent_target(WriteKind kind, const PlannedEntry& e) {
  switch (kind) {
    case WriteKind::kIncrement:
      return e.confirmed + e.amount;
    case WriteKind::kDecrement:
      return e.confirmed - e.amount;
    case WriteKind::kSet:
      break;
  }
  return e.target;
}

OutboxChange landed(WriteKind kind, const PlannedEntry& e) {
  switch (kind) {
    case WriteKind::kIncrement:
      return OutboxChange::of(K::kLanded, e.sku, e.amount);
    case WriteKind::kDecrement:
      return OutboxChange::of(K::kLanded, e.sku, -e.amount);
    case WriteKind::kSet:
      break;
  }
  return OutboxChange::of(K::kSetLanded, e.sku, e.target);
}

std::vector<EntryOutcome> send(Round& r, WriteKind kind, const Call& call) {
  const int before = r.api.calls();
  std::vector<EntryOutcome> out;
  if (kind == WriteKind::kSet) {
    std::vector<SetEntry> entries;
    for (const PlannedEntry& e : call) {
      entries.push_back({e.variant, e.inventory_item_id, e.revision, e.target});
    }
    out = r.api.set(entries);
    r.report.calls.set += r.api.calls() - before;
    ++r.report.push.sets;
  } else {
    std::vector<DeltaEntry> entries;
    for (const PlannedEntry& e : call)
      entries.push_back({e.variant, e.inventory_item_id, e.amount});
    const bool up = kind == WriteKind::kIncrement;
    out = up ? r.api.increment(entries) : r.api.decrement(entries);
    (up ? r.report.calls.increment : r.report.calls.decrement) += r.api.calls() - before;
    ++(up ? r.report.push.increments : r.report.push.decrements);
  }
  r.orders_fresh = false;
  if (out.size() != call.size()) {
    // Outcomes that do not line up with the entries say nothing certain about any of them.
    out.assign(call.size(), EntryOutcome{wix::Outcome::kUncertain, {}});
  }
  return out;
}

// What a refusal does to its entry's row. Adds the entry to `split` when the whole call
// must be retried in halves to find the entry Wix objects to.
OutboxChange refusal_change(Round& r, WriteKind kind, const PlannedEntry& e,
                            const wix::WixError& err, bool whole, bool many, Call& split,
                            Status& stop) {
  if (site_level(err)) {
    if (stop.ok()) stop = wix::to_status(err);
    return OutboxChange::of(K::kNotSent, e.sku);
  }
  // The set was guarded by the revision of our read; Wix moved since: read again.
  if (kind == WriteKind::kSet && revision_conflict(err)) {
    return OutboxChange::of(K::kDoubt, e.sku);
  }
  // A decrement refused because Wix holds less than we believed: an online sale got there
  // first. Settle it (read back, fix) rather than park it. A refusal without that code
  // (V1 documents none) gets the benefit of the doubt once per round.
  if (kind == WriteKind::kDecrement &&
      (err.code == "INSUFFICIENT_INVENTORY" || (whole && r.refused.count(e.sku) == 0))) {
    r.refused.insert(e.sku);
    ++r.report.refused;
    return OutboxChange::of(K::kDoubt, e.sku);
  }
  if (whole && many) {
    split.push_back(e);
    return OutboxChange::of(K::kNotSent, e.sku);
  }
  log_warn("sync.refused", {{"sku", e.sku}, {"code", err.code}, {"why", err.description}});
  return OutboxChange::park(e.sku, e.target, refusal_text(err), ParkedBy::kWix);
}

// What one entry's outcome does to its row, counted in the round's PushOutcomes.
OutboxChange outcome_change(Round& r, WriteKind kind, const PlannedEntry& e, const EntryOutcome& o,
                            bool whole, bool many, Call& split, Status& stop) {
  PushOutcomes& counts = r.report.push;
  switch (o.outcome) {
    case wix::Outcome::kSuccess:
      ++counts.landed;
      return landed(kind, e);
    case wix::Outcome::kNotSent:
      ++counts.not_sent;
      return OutboxChange::of(K::kNotSent, e.sku);
    case wix::Outcome::kUncertain:
      ++counts.unanswered;
      return OutboxChange::of(K::kUncertain, e.sku);
    case wix::Outcome::kRejected:
      break;
  }
  const std::size_t splitting = split.size();
  OutboxChange change = refusal_change(r, kind, e, o.error, whole, many, split, stop);
  if (split.size() == splitting) ++counts.refused;  // else the smaller call counts it
  return change;
}

}  // namespace

Status push_calls(Round& r, WriteKind kind, std::vector<Call> calls) {
  std::deque<Call> queue(std::make_move_iterator(calls.begin()),
                         std::make_move_iterator(calls.end()));
  while (!queue.empty() && !r.stopped) {
    Call call = std::move(queue.front());
    queue.pop_front();
    std::vector<OutboxChange> marks;
    for (const PlannedEntry& e : call) {
      marks.push_back(OutboxChange::of(K::kInFlight, e.sku, sent_target(kind, e)));
    }
    // Committed before the request goes out: a crash from here on leaves a row that is
    // read back, never a delta sent a second time.
    SHELFNODE_RETURN_IF_ERROR(r.outbox.apply(marks));
    const std::vector<EntryOutcome> out = send(r, kind, call);

    const bool whole = whole_call_refused(out);
    Call split;
    Status stop;
    bool any_sent = false;
    std::vector<OutboxChange> changes;
    for (std::size_t i = 0; i < call.size(); ++i) {
      if (out[i].outcome != wix::Outcome::kNotSent) any_sent = true;
      changes.push_back(
          outcome_change(r, kind, call[i], out[i], whole, call.size() > 1, split, stop));
    }
    SHELFNODE_RETURN_IF_ERROR(r.outbox.apply(changes));
    if (!split.empty()) {
      const auto half = static_cast<std::ptrdiff_t>(split.size() / 2);
      queue.emplace_front(split.begin() + half, split.end());
      queue.emplace_front(split.begin(), split.begin() + half);
    }
    if (!stop.ok()) r.stop(kStepPush, stop);
    if (!any_sent) r.stop(kStepPush, wix::to_status(out.front().error));
  }
  return Status::Ok();
}

Status CallBatch::add(PlannedEntry entry) {
  if (kind_ == WriteKind::kSet) r_.by_set.erase(entry.sku);
  call_.push_back(std::move(entry));
  ++added_;
  r_.held(call_.size());
  return call_.size() >= max_ ? flush() : Status::Ok();
}

Status CallBatch::flush() {
  if (call_.empty()) return Status::Ok();
  std::vector<Call> calls;
  calls.push_back(std::move(call_));
  call_ = Call{};
  return push_calls(r_, kind_, std::move(calls));
}

// Two walks over the slices: the first sends the decrements (stock that is gone stops being
// sold online as soon as possible) and the revision-guarded sets, the second the
// increments. Each walk plans afresh, so what the first sent is converged in the second.
Result<int> fix(Round& r) {
  if (r.stopped) return 0;
  const std::size_t max = r.api.max_delta_entries();
  CallBatch sets(r, WriteKind::kSet, kMaxSetEntries);
  CallBatch dec(r, WriteKind::kDecrement, max);
  CallBatch inc(r, WriteKind::kIncrement, max);
  auto guarded = [&r](const PlannedEntry& e) {
    return r.by_set.count(e.sku) != 0 && !e.revision.empty();
  };
  bool increments_left = false;
  auto walk = [&](bool increments) {
    return for_each_slice(r, true, [&](Slice& slice) -> Status {
      Plan plan = plan_slice(r, std::move(slice));
      SHELFNODE_RETURN_IF_ERROR(record_plan(r, plan));
      for (Call& c : plan.decrements) {
        for (PlannedEntry& e : c)
          SHELFNODE_RETURN_IF_ERROR((guarded(e) ? sets : dec).add(std::move(e)));
      }
      for (Call& c : plan.increments) {
        for (PlannedEntry& e : c) {
          if (guarded(e)) {
            SHELFNODE_RETURN_IF_ERROR(sets.add(std::move(e)));
          } else if (increments) {
            SHELFNODE_RETURN_IF_ERROR(inc.add(std::move(e)));
          } else {
            increments_left = true;
          }
        }
      }
      return Status::Ok();
    });
  };
  SHELFNODE_RETURN_IF_ERROR(walk(false));
  SHELFNODE_RETURN_IF_ERROR(sets.flush());
  SHELFNODE_RETURN_IF_ERROR(dec.flush());
  if (increments_left && !r.stopped) {
    SHELFNODE_RETURN_IF_ERROR(walk(true));
    SHELFNODE_RETURN_IF_ERROR(sets.flush());
    SHELFNODE_RETURN_IF_ERROR(dec.flush());
    SHELFNODE_RETURN_IF_ERROR(inc.flush());
  }
  return sets.added() + dec.added() + inc.added();
}

}  // namespace shelfnode::sync
